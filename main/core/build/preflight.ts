import type { TargetPreflight } from '../../../shared/contract/build';
import type { TargetName } from '../../../shared/project/schema';
import type { ImageFacts } from '../targets/image-types';
import { targetModule } from '../targets/registry';

export { LAMBDA_MAX_IMAGE_BYTES } from '../targets/aws-lambda/limits';

export type { ImageFacts } from '../targets/image-types';

/** Checks a built image against what its target accepts: pass, warn or fail, with the numbers. */
export function preflight(target: TargetName, image: ImageFacts, wanted: { architecture: string; engineArchitecture: string }): TargetPreflight {
  const os: TargetPreflight['checks'][number] =
    image.os === 'linux' ? { name: 'OS', status: 'pass', detail: 'linux' } : { name: 'OS', status: 'fail', detail: `${image.os}; every target runs linux images` };
  return { target, checks: [os, ...targetModule(target).preflight(image, wanted)] };
}
