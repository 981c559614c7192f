import type { ImageUser } from './image-users';
import type { EngineImage } from './image-facts';
import { shortId } from './image-labels';
import { LABEL } from '../build/build-service';
import { PROJECT_LABEL } from './image-labels';

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
export function prunePlan(images: readonly EngineImage[], holders: ReadonlyMap<string, ImageUser[]>, keepUnusedTagged: boolean): PrunePlan {
  const going = new Set(images.filter((image) => mayGo(image, keepUnusedTagged)));
  const held: PrunePlan['held'] = [];
  for (let changed = true; changed; ) {
    changed = false;
    for (const image of going) {
      const holding = holders.get(image.id);
      const keptOn = !addsNoLayers(image, images) && images.some((other) => !going.has(other) && builtOn(other, image) && (other.kind === 'code' || other.kind === null || holders.has(other.id)));
      if (!holding && !keptOn) continue;
      going.delete(image);
      if (holding) held.push({ image, holders: holding });
      changed = true;
    }
  }
  return { remove: [...going].map((image) => ({ image, why: whyItGoes(image) })), held };
}

/**
 * An image with exactly another image's layers (a build stopped after ENV or LABEL steps) adds
 * nothing the layers can tell apart: every image on that other one would look built on it. For it
 * the engine's own link decides (dangling: nothing names it as parent) and containers hold it.
 */
const addsNoLayers = (image: EngineImage, images: readonly EngineImage[]): boolean =>
  images.some((other) => other !== image && other.layers.length === image.layers.length && other.layers.every((layer, i) => image.layers[i] === layer));

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

/** "iris (local)" for a code image, "an older build of iris (local)" untagged, else a tag or the short id. */
export function imageName(image: EngineImage): string {
  if (image.kind === 'code') {
    const name = `${image.labels[PROJECT_LABEL]} (${image.labels[LABEL.variant] ?? 'variant unknown'})`;
    return image.tags.length ? name : `an older build of ${name}`;
  }
  return image.tags[0] ?? shortId(image.id);
}

/** The images built on `base` that stay (code images and other tools' images; weights and deps images only through them). */
export function dependents(base: EngineImage, images: readonly EngineImage[], going: ReadonlySet<EngineImage>): EngineImage[] {
  return images.filter((other) => !going.has(other) && other.kind !== 'weights' && other.kind !== 'deps' && builtOn(other, base));
}

/** A layer is named by the layers under it and itself (the engine's chain id), so equal diff ids on different parents stay apart. */
const chainKeys = (image: EngineImage): string[] => image.layers.map((_, i) => image.layers.slice(0, i + 1).join('/'));

/** Bytes of the layers that some of `counted` hold and none of `others` do: each layer counted once. */
export function layerBytes(counted: readonly EngineImage[], others: readonly EngineImage[]): number {
  const elsewhere = new Set(others.flatMap(chainKeys));
  const seen = new Set<string>();
  let bytes = 0;
  for (const image of counted) {
    chainKeys(image).forEach((key, i) => {
      if (elsewhere.has(key) || seen.has(key)) return;
      seen.add(key);
      bytes += image.layerSizes?.[i] ?? 0;
    });
  }
  return bytes;
}

/** What an image adds over the nearest image it is built on (a weights image: its weights layer). */
export function ownBytes(image: EngineImage, images: readonly EngineImage[]): number {
  const base = image.kind === 'weights' ? image.layers.length - 1 : Math.max(0, ...images.filter((other) => builtOn(image, other)).map((other) => other.layers.length));
  if (!image.layerSizes) return base === 0 ? image.sizeBytes : image.sizeBytes - (images.find((other) => other.layers.length === base && builtOn(image, other))?.sizeBytes ?? 0);
  return image.layerSizes.slice(base).reduce((sum, size) => sum + size, 0);
}
