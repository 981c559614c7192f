import { LABEL } from '../build/build-service';
import type { EngineImage } from './image-facts';
import { PROJECT_LABEL, shortId } from './image-labels';
import type { ImageUser } from './image-users';
import type { LayerTree } from './layer-tree';

/** `child` was built on `base`: its layers start with all of base's, and add some (the only link BuildKit and `docker load` keep). */
export const builtOn = (child: EngineImage, base: EngineImage): boolean =>
  base.layers.length > 0 && child.layers.length > base.layers.length && base.layers.every((layer, i) => child.layers[i] === layer);

export interface PrunePlan {
  remove: Array<{ image: EngineImage; why: string }>;
  /** Would go, but a container holds it (or an image built on it): left, with the reason. */
  held: Array<{ image: EngineImage; holders: ImageUser[] }>;
}

/**
 * What prune removes: Skylift's dangling images (older builds, stopped builds' leftovers) and the
 * weights and deps images no other image is built on any more, never one a container holds or an
 * image that stays is built on. Repeated until nothing changes: a kept code image keeps its weights
 * image, which keeps the deps image under it only through the code image (weights and deps images
 * never keep each other).
 */
export function prunePlan(images: readonly EngineImage[], tree: LayerTree, holders: ReadonlyMap<string, ImageUser[]>, keepUnusedTagged: boolean): PrunePlan {
  const going = new Set(images.filter((image) => mayGo(image, keepUnusedTagged)));
  const held: PrunePlan['held'] = [];
  for (let changed = true; changed; ) {
    changed = false;
    for (const image of going) {
      const holding = holders.get(image.id);
      // An image with exactly another image's layers (a build stopped after ENV or LABEL steps) adds
      // nothing the layers tell apart: all that is built on that other one would look built on it.
      // For it the engine's own link decides (dangling: nothing names it as parent) and containers hold it.
      const keptOn = !tree.hasTwin(image) && tree.above(image).some((other) => !going.has(other) && (other.kind === 'code' || other.kind === null || holders.has(other.id)));
      if (!holding && !keptOn) continue;
      going.delete(image);
      if (holding) held.push({ image, holders: holding });
      changed = true;
    }
  }
  return { remove: [...going].map((image) => ({ image, why: whyItGoes(image) })), held };
}

function mayGo(image: EngineImage, keepUnusedTagged: boolean): boolean {
  if (!image.shown) return false; // a container's intermediate: its build owns it
  if (image.dangling) return image.kind !== null || image.stoppedBuild;
  return (image.kind === 'weights' || image.kind === 'deps') && !keepUnusedTagged;
}

function whyItGoes(image: EngineImage): string {
  if (image.kind === 'weights') return `weights layer ${weightsLayer(image)?.slice(0, 19) ?? shortId(image.id)}… that no Skylift image is built on any more`;
  if (image.kind === 'deps') return image.dangling ? 'older dependencies (their tag moved to a newer build)' : `dependencies for ${depsProjects(image).join(', ')} that no Skylift image is built on any more`;
  if (image.kind === 'code') return `an older build of ${image.labels[PROJECT_LABEL] ?? 'an unknown project'} (${image.labels[LABEL.variant] ?? 'variant unknown'})`;
  return 'left by a stopped build';
}

export const weightsLayer = (image: EngineImage): string | null => (image.kind === 'weights' ? image.layers.at(-1) ?? null : null);

/** skylift-deps/iris:local → "iris (local)". */
export const depsProjects = (image: EngineImage): string[] =>
  image.tags.flatMap((tag) => {
    const match = /^skylift-deps\/(.+):([^:]+)$/.exec(tag);
    return match ? [`${match[1]} (${match[2]})`] : [];
  });

/** "iris (local)" for a code image, "an older build of iris (local)" untagged, else a tag or what it is (its id is shown beside it). */
export function imageName(image: EngineImage): string {
  if (image.kind === 'code') {
    const name = `${image.labels[PROJECT_LABEL]} (${image.labels[LABEL.variant] ?? 'variant unknown'})`;
    return image.tags.length ? name : `an older build of ${name}`;
  }
  if (image.tags[0]) return image.tags[0];
  return image.kind === 'weights' ? 'untagged weights image' : image.kind === 'deps' ? 'untagged dependencies image' : 'untagged image';
}

/** The images built on `base` that stay (code images and other tools' images; weights and deps images only through them). */
export function dependents(base: EngineImage, tree: LayerTree, going: ReadonlySet<EngineImage>): EngineImage[] {
  return tree.above(base).filter((other) => !going.has(other) && other.kind !== 'weights' && other.kind !== 'deps');
}

/** What an image adds over the nearest image it is built on (a weights image: its weights layer). */
export function ownBytes(image: EngineImage, tree: LayerTree): number {
  const nearest = tree.below(image)[0];
  const base = image.kind === 'weights' ? image.layers.length - 1 : nearest?.layers.length ?? 0;
  if (!image.layerSizes) return image.sizeBytes - (nearest?.sizeBytes ?? 0);
  return image.layerSizes.slice(base).reduce((sum, size) => sum + size, 0);
}
