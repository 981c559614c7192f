import type { EngineImage } from './image-facts';

interface LayerNode {
  children: Map<string, LayerNode>;
  parent: LayerNode | null;
  /** Images whose layer list ends exactly here. */
  images: EngineImage[];
}

const node = (parent: LayerNode | null): LayerNode => ({ children: new Map(), parent, images: [] });

/**
 * The engine's images as a tree of layers: a node per layer on the layers under it (the engine's
 * chain id), each image at the node its last layer makes. "Built on" is "further down the same
 * branch", so every question here costs the images asked about, not all images times all images.
 */
export class LayerTree {
  private readonly root = node(null);
  private readonly paths = new Map<EngineImage, LayerNode[]>();

  constructor(images: readonly EngineImage[]) {
    for (const image of images) {
      const path: LayerNode[] = [];
      let at = this.root;
      for (const layer of image.layers) {
        let next = at.children.get(layer);
        if (!next) at.children.set(layer, (next = node(at)));
        path.push((at = next));
      }
      at.images.push(image);
      this.paths.set(image, path);
    }
  }

  /** The images built on `base`: their layers start with all of base's and add some. */
  above(base: EngineImage): EngineImage[] {
    const end = this.paths.get(base)?.at(-1);
    if (!end) return [];
    const found: EngineImage[] = [];
    const stack = [...end.children.values()];
    for (let at = stack.pop(); at; at = stack.pop()) {
      found.push(...at.images);
      stack.push(...at.children.values());
    }
    return found;
  }

  /** The images `image` is built on, nearest first. */
  below(image: EngineImage): EngineImage[] {
    const path = this.paths.get(image) ?? [];
    return path.slice(0, -1).reverse().flatMap((at) => at.images);
  }

  /** Another image has exactly these layers (a build stopped after ENV or LABEL steps adds none). */
  hasTwin(image: EngineImage): boolean {
    return (this.paths.get(image)?.at(-1)?.images.length ?? 0) > 1;
  }

  /** Bytes of the layers some of `counted` hold and none of `others` do: each layer counted once. */
  layerBytes(counted: readonly EngineImage[], others: readonly EngineImage[]): number {
    const elsewhere = new Set(others.flatMap((image) => this.paths.get(image) ?? []));
    const seen = new Set<LayerNode>();
    let bytes = 0;
    for (const image of counted) {
      (this.paths.get(image) ?? []).forEach((at, i) => {
        if (elsewhere.has(at) || seen.has(at)) return;
        seen.add(at);
        bytes += image.layerSizes?.[i] ?? 0;
      });
    }
    return bytes;
  }
}
