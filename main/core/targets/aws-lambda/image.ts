import { ErrorCode, SkyliftError } from '../../../../shared/errors';
import type { TargetPreflight } from '../../../../shared/contract/build';
import type { ImageFacts } from '../image-types';
import { formatBytes } from '../../../../shared/text/bytes';
import { dockerArchitecture } from '../image-checks';
import type { ImagePlanning, WantedImage } from '../target';
import { LAMBDA_MAX_IMAGE_BYTES } from './limits';

const WARN_AT = 0.9;

/** Lambda runs CPU images from the compat table's base; the adapter is the entrypoint (Lambda sets AWS_LAMBDA_RUNTIME_API). */
export const lambdaImage: ImagePlanning = {
  gpu(config, asked, warnings) {
    if (config.targets['aws-lambda']?.gpu) {
      throw new SkyliftError({
        code: ErrorCode.BadInput,
        message: 'AWS Lambda has no GPUs, but skylift.yaml asks for one for aws-lambda.',
        hint: 'Remove "gpu: true" from targets.aws-lambda; the Lambda variant is always a CPU image.',
      });
    }
    if (asked) warnings.push('AWS Lambda has no GPUs: the aws-lambda variant is a CPU image.');
    return false;
  },
  runsOnHostGpu: false,
  dockerfile: () => ({ copy: [], env: [], adapterEntrypoint: true }),
};

/** Size against Lambda's 10 GB, and exactly one architecture, the one the function will declare. */
export function lambdaPreflight(image: ImageFacts, wanted: WantedImage): TargetPreflight['checks'] {
  const ratio = image.sizeBytes / LAMBDA_MAX_IMAGE_BYTES;
  const wantedArch = dockerArchitecture(wanted.architecture);
  return [
    {
      name: 'Image size',
      status: ratio > 1 ? 'fail' : ratio > WARN_AT ? 'warn' : 'pass',
      detail: `${formatBytes(image.sizeBytes)} of Lambda's ${formatBytes(LAMBDA_MAX_IMAGE_BYTES)} uncompressed limit (${(ratio * 100).toFixed(1)}%)`,
    },
    ['amd64', 'arm64'].includes(image.architecture) && image.architecture === wantedArch
      ? { name: 'Architecture', status: 'pass', detail: `one architecture, ${image.architecture}, as Lambda requires` }
      : { name: 'Architecture', status: 'fail', detail: `image is ${image.architecture}, target wants ${wantedArch}; Lambda runs x86_64 or arm64 only` },
  ];
}
