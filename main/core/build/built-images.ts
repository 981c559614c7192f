import type { OpenedProject } from '../../../shared/contract';
import type { ProjectConfig } from '../../../shared/project/schema';
import type { EngineService } from '../engine/engine-service';
import { imageTag } from './build-service';

/** A quick look, so opening a project never hangs on a slow or absent engine. */
const INSPECT_TIMEOUT_MS = 3_000;

type Variants = OpenedProject['variants'];

/**
 * Marks each variant with the image the engine holds for it (null: not built), so the Test step
 * offers only what can run. When the engine cannot be asked, `built` stays absent: unknown, not "no".
 */
export async function withBuiltImages(engine: EngineService, config: ProjectConfig | null, variants: Variants): Promise<Variants> {
  if (!config || variants.length === 0) return variants;
  let docker;
  try {
    docker = engine.connect({ timeoutMs: INSPECT_TIMEOUT_MS }).docker;
  } catch {
    return variants;
  }
  const looks = await Promise.all(
    variants.map((v) =>
      docker
        .getImage(imageTag(config, v.variant))
        .inspect()
        .then((image) => ({ imageId: image.Id, createdAt: image.Created }))
        .catch((error: unknown) => (isNotFound(error) ? null : undefined)),
    ),
  );
  return variants.map((v, i) => (looks[i] === undefined ? v : { ...v, built: looks[i] }));
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { statusCode?: unknown }).statusCode === 404;
}
