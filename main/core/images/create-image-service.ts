import type { EngineService } from '../engine/engine-service';
import type { JobStore } from '../jobs/job-store';
import type { RunStore } from '../runs/run-store';
import { ImageService } from './image-service';
import type { ImageRun } from './image-summary';

/** Every engine request of the Images page has a deadline; a big delete gets longer than a list. */
const IMAGE_CALL_TIMEOUT_MS = 60_000;
/** Runs looked at for "used by": the newest ones, as the Runs page shows them. */
const RUNS_CONSIDERED = 1000;

/** Builds looked at for one under way: the newest ones (a build running now is among them). */
const JOBS_CONSIDERED = 200;

export function createImageService(engine: EngineService, runStore: RunStore, jobStore: Pick<JobStore, 'list'>): ImageService {
  return new ImageService({
    docker: () => engine.connect({ timeoutMs: IMAGE_CALL_TIMEOUT_MS }).docker,
    runsByImage: () => {
      const byImage = new Map<string, ImageRun[]>();
      for (const run of runStore.list(RUNS_CONSIDERED)) {
        if (!run.imageId) continue;
        const runs = byImage.get(run.imageId) ?? [];
        runs.push({ id: run.id, createdAt: run.createdAt, state: run.state });
        byImage.set(run.imageId, runs);
      }
      return byImage;
    },
    // The job store is shared by every Skylift process on this data folder (the CLI's and the app's).
    buildsUnderWay: () => jobStore.list(JOBS_CONSIDERED).filter((job) => job.kind === 'build' && (job.state === 'running' || job.state === 'queued')).length,
  });
}
