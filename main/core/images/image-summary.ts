import type { SkyliftImage } from '../../../shared/contract/images';
import { LABEL } from '../build/build-service';
import { PROJECT_DIR_LABEL } from '../build/image-identity';
import type { EngineImage } from './image-facts';
import { PROJECT_LABEL } from './image-labels';
import { dependents, depsProjects, imageName, ownBytes, weightsLayer } from './image-plan';
import type { LayerTree } from './layer-tree';
import type { ImageUser } from './image-users';

/** A bench run that measured an image. */
export interface ImageRun {
  id: string;
  createdAt: string;
  state: string;
}

/** One row of the Images page and `skylift images list`: what the image is, what it adds, what is built on it. */
export function toSummary(image: EngineImage, tree: LayerTree, going: ReadonlySet<EngineImage>, runs: ImageRun[], usedBy: ImageUser[]): SkyliftImage {
  const kind = image.kind ?? 'code';
  const code = kind === 'code';
  const onIt = new Map(dependents(image, tree, going).map((other) => [imageName(other), other.id]));
  return {
    id: image.id,
    kind,
    tags: image.tags,
    ownBytes: ownBytes(image, tree),
    weightsLayer: weightsLayer(image),
    dependents: [...onIt].map(([name, id]) => ({ id, name })),
    forProjects: kind === 'deps' ? depsProjects(image) : [],
    project: code ? image.labels[PROJECT_LABEL] ?? null : null,
    projectDir: code ? image.labels[PROJECT_DIR_LABEL] ?? null : null,
    variant: code ? image.labels[LABEL.variant] ?? null : null,
    sizeBytes: image.sizeBytes,
    createdAt: image.createdAt ?? firstUse(image, tree),
    runs,
    usedBy,
  };
}

/** A weights image's age: when the first image still on the engine was built on it (it was loaded just before), else unknown. */
function firstUse(image: EngineImage, tree: LayerTree): string | null {
  const times = tree.above(image).flatMap((other) => (other.createdAt ? [other.createdAt] : [])).sort();
  return times[0] ?? null;
}
