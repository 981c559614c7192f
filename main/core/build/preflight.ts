import type { TargetPreflight } from '../../../shared/contract/build';
import type { TargetName } from '../../../shared/project/schema';

/** Lambda's published limit: 10 GB uncompressed image, all layers included. */
export const LAMBDA_MAX_IMAGE_BYTES = 10 * 1024 ** 3;
const WARN_AT = 0.9;

export interface ImageFacts {
  sizeBytes: number;
  /** Docker's names: amd64, arm64. */
  architecture: string;
  os: string;
}

const DOCKER_ARCH: Record<string, string> = { x86_64: 'amd64', arm64: 'arm64' };
const gb = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(2)} GB`;

/** Checks a built image against what its target accepts: pass, warn or fail, with the numbers. */
export function preflight(target: TargetName, image: ImageFacts, wanted: { architecture: string; engineArchitecture: string }): TargetPreflight {
  const checks: TargetPreflight['checks'] = [];
  const wantedArch = DOCKER_ARCH[wanted.architecture] ?? wanted.architecture;
  checks.push(
    image.os === 'linux'
      ? { name: 'OS', status: 'pass', detail: 'linux' }
      : { name: 'OS', status: 'fail', detail: `${image.os}; every target runs linux images` },
  );
  if (target === 'aws-lambda') {
    const ratio = image.sizeBytes / LAMBDA_MAX_IMAGE_BYTES;
    checks.push({
      name: 'Image size',
      status: ratio > 1 ? 'fail' : ratio > WARN_AT ? 'warn' : 'pass',
      detail: `${gb(image.sizeBytes)} of Lambda's ${gb(LAMBDA_MAX_IMAGE_BYTES)} uncompressed limit (${(ratio * 100).toFixed(1)}%)`,
    });
    checks.push(
      ['amd64', 'arm64'].includes(image.architecture) && image.architecture === wantedArch
        ? { name: 'Architecture', status: 'pass', detail: `one architecture, ${image.architecture}, as Lambda requires` }
        : { name: 'Architecture', status: 'fail', detail: `image is ${image.architecture}, target wants ${wantedArch}; Lambda runs x86_64 or arm64 only` },
    );
  }
  if (target === 'azure-functions') {
    checks.push(
      image.architecture === 'amd64'
        ? { name: 'Architecture', status: 'pass', detail: 'amd64, as Azure Functions Linux containers require' }
        : { name: 'Architecture', status: 'fail', detail: `image is ${image.architecture}; Azure Functions runs amd64 containers only` },
    );
    checks.push({ name: 'Image size', status: 'pass', detail: `${gb(image.sizeBytes)} (no hard limit; large images start slower)` });
  }
  if (target === 'local') {
    checks.push(
      image.architecture === wanted.engineArchitecture
        ? { name: 'Architecture', status: 'pass', detail: `${image.architecture}, native on this engine` }
        : { name: 'Architecture', status: 'warn', detail: `image is ${image.architecture}, engine is ${wanted.engineArchitecture}: it runs only under emulation` },
    );
    checks.push({ name: 'Image size', status: 'pass', detail: gb(image.sizeBytes) });
  }
  return { target, checks };
}
