import { readJobResult, type Job, type JobEvent } from '../../../../shared/contract';
import type { BuildRequestInput } from '../../../../shared/contract/build';
import { ErrorCode, SkyliftError } from '../../../../shared/errors';
import type { TargetName } from '../../../../shared/project/schema';

/** Builds and jobs as watch mode uses them: the Build step's own build job, waited for and cancellable. */
export interface RebuildDeps {
  builds: { start(input: BuildRequestInput): Job };
  jobs: { wait(jobId: string): Promise<Job>; cancel(jobId: string): Promise<Job> };
  jobStore: { list(limit: number): Job[]; lastSeq(jobId: string): number; events(jobId: string, afterSeq: number): JobEvent[] };
}

/** How far back to look for the build that made the running image (newest first). */
const BUILDS_LOOKED_AT = 200;

/**
 * The build request that reproduces the running image: the same variant, and the base image a
 * build option chose for it (`--base-image` / the Build step's field), which the image itself does
 * not record. Found in the build job whose result names this image; defaults when there is none.
 */
export function rebuildRequest(deps: RebuildDeps, dir: string, variant: TargetName, imageId: string): BuildRequestInput {
  for (const job of deps.jobStore.list(BUILDS_LOOKED_AT)) {
    if (job.kind !== 'build' || job.state !== 'succeeded') continue;
    const result = readJobResult('build', deps.jobStore.events(job.id, deps.jobStore.lastSeq(job.id) - 1));
    const built = result?.variants.find((v) => v.imageId === imageId);
    if (!built) continue;
    return { dir, variant, ...(built.plan.baseSource === 'build-option' ? { baseImage: built.plan.baseImage } : {}) };
  }
  return { dir, variant };
}

/** Runs one build job to its end; a cancelled watch cancels it. Resolves with the job once the image is ready, or throws its error. */
export async function rebuild(deps: RebuildDeps, request: BuildRequestInput, signal: AbortSignal, onJob: (jobId: string) => void): Promise<Job> {
  const job = deps.builds.start(request); // a broken skylift.yaml throws here, with its message
  onJob(job.id);
  const cancel = () => void deps.jobs.cancel(job.id);
  signal.addEventListener('abort', cancel, { once: true });
  try {
    const done = await deps.jobs.wait(job.id);
    if (signal.aborted) throw new DOMException('Cancelled', 'AbortError');
    if (done.state === 'succeeded') return done;
    const error = done.error ?? { code: ErrorCode.Cancelled, message: `The rebuild ended ${done.state}.` };
    throw new SkyliftError({ ...error, message: `The rebuild failed: ${error.message}` });
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}
