import type { EngineService } from '../engine/engine-service';
import type { RunStore } from '../runs/run-store';
import { ImageService, type ImageRun } from './image-service';

/** Every engine request of the Images page has a deadline; a big delete gets longer than a list. */
const IMAGE_CALL_TIMEOUT_MS = 60_000;
/** Runs looked at for "used by": the newest ones, as the Runs page shows them. */
const RUNS_CONSIDERED = 1000;

export function createImageService(engine: EngineService, runStore: RunStore): ImageService {
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
  });
}
