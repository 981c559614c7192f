import { SkyliftError } from '../../../shared/errors';
import { TOOLKIT_HINT } from '../engine/gpu';

/** What `docker run --gpus all` sends: every NVIDIA GPU, with the gpu capability. */
export const ALL_GPUS = [{ Driver: 'nvidia', Count: -1, DeviceIDs: [], Capabilities: [['gpu']], Options: {} }];

export function gpuUnavailable(variant: string, cause: string): SkyliftError {
  return new SkyliftError({
    code: 'GPU_UNAVAILABLE',
    message: `The ${variant} variant wants a GPU, but ${cause}.`,
    hint: `${TOOLKIT_HINT} Or run it on CPU: set "gpu: false" for this target in skylift.yaml and build again.`,
  });
}

/** The engine's own words when it cannot hand out an NVIDIA GPU, turned into the same clear error. */
export function isGpuDriverError(error: unknown): boolean {
  const text = `${(error as { json?: { message?: string } })?.json?.message ?? ''} ${(error as Error)?.message ?? ''}`;
  return /could not select device driver "nvidia"|nvidia-container-cli|unknown or invalid runtime name: nvidia/i.test(text);
}
