import { EcrError, type EcrHandler, type EcrWorld, paginate, requireRepository } from './aws-ecr-world';
import type { RegistryDouble } from './registry';

/**
 * ECR's image operations, answered from what the real registry holds: its tags and manifests
 * through the HTTP API v2, its untagged manifests and push times from its storage folder.
 */
interface StoredImage {
  digest: string;
  tags: string[];
  mediaType: string;
  artifactMediaType?: string;
  sizeInBytes?: number;
  pushedAt: Date;
}

interface ImageId {
  imageDigest?: string;
  imageTag?: string;
}

const DIGEST = /^sha256:[0-9a-f]{64}$/;

export const imageOperations: Record<string, EcrHandler> = {
  DescribeImages: async (input, world) => {
    const repository = requireRepository(world, String(input.repositoryName)).name;
    const ids = input.imageIds as ImageId[] | undefined;
    if (ids && input.maxResults !== undefined) throw new EcrError('InvalidParameterException', 'maxResults cannot be used with imageIds.');
    const images = await imagesIn(world.registry, repository);
    const chosen = ids ? ids.map((id) => findImage(images, id, repository, world)) : byTagStatus(images, input.filter);
    const page = paginate(chosen, input);
    return {
      imageDetails: page.items.map((image) => ({
        registryId: world.account,
        repositoryName: repository,
        imageDigest: image.digest,
        imageTags: image.tags.length > 0 ? image.tags : undefined,
        imageSizeInBytes: image.sizeInBytes,
        imagePushedAt: image.pushedAt,
        imageManifestMediaType: image.mediaType,
        artifactMediaType: image.artifactMediaType,
      })),
      nextToken: page.nextToken,
    };
  },
  ListImages: async (input, world) => {
    const repository = requireRepository(world, String(input.repositoryName)).name;
    const images = byTagStatus(await imagesIn(world.registry, repository), input.filter);
    // One entry per tag, and one (digest only) per untagged image, as ECR lists them.
    const ids = images.flatMap((image) => (image.tags.length > 0 ? image.tags.map((tag) => ({ imageDigest: image.digest, imageTag: tag })) : [{ imageDigest: image.digest }]));
    const page = paginate(ids, input);
    return { imageIds: page.items, nextToken: page.nextToken };
  },
  BatchCheckLayerAvailability: async (input, world) => {
    const repository = requireRepository(world, String(input.repositoryName)).name;
    const layers: Array<Record<string, unknown>> = [];
    const failures: Array<Record<string, unknown>> = [];
    for (const digest of input.layerDigests as string[]) {
      if (!DIGEST.test(digest)) {
        failures.push({ layerDigest: digest, failureCode: 'InvalidLayerDigest', failureReason: 'Invalid layer digest' });
        continue;
      }
      const size = await world.registry.blobSize(repository, digest);
      layers.push(size === null ? { layerDigest: digest, layerAvailability: 'UNAVAILABLE' } : { layerDigest: digest, layerAvailability: 'AVAILABLE', layerSize: size });
    }
    return { layers, failures };
  },
  BatchGetImage: async (input, world) => {
    const repository = requireRepository(world, String(input.repositoryName)).name;
    const accepted = input.acceptedMediaTypes as string[] | undefined;
    const images: Array<Record<string, unknown>> = [];
    const failures: Array<Record<string, unknown>> = [];
    for (const id of input.imageIds as ImageId[]) {
      const stored = await imagesIn(world.registry, repository);
      const image = stored.find((i) => (id.imageDigest === undefined || i.digest === id.imageDigest) && (id.imageTag === undefined || i.tags.includes(id.imageTag)));
      if (!image) {
        failures.push({ imageId: id, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' });
        continue;
      }
      // ECR does not convert between manifest formats a client did not accept: it reports the image as unsupported.
      if (accepted && !accepted.includes(image.mediaType)) {
        failures.push({ imageId: id, failureCode: 'UnsupportedImageType', failureReason: `Image manifest media type ${image.mediaType} is not in the accepted media types` });
        continue;
      }
      const manifest = (await world.registry.manifest(repository, image.digest))!;
      images.push({ registryId: world.account, repositoryName: repository, imageId: { imageDigest: image.digest, ...(id.imageTag !== undefined ? { imageTag: id.imageTag } : {}) }, imageManifest: manifest.body.toString('utf8'), imageManifestMediaType: manifest.mediaType });
    }
    return { images, failures };
  },
  BatchDeleteImage: async (input, world) => {
    const repository = requireRepository(world, String(input.repositoryName)).name;
    const deleted: ImageId[] = [];
    const failures: Array<Record<string, unknown>> = [];
    for (const id of input.imageIds as ImageId[]) {
      const outcome = await deleteOne(world.registry, repository, id);
      if (outcome.ok) deleted.push(outcome.deleted);
      else failures.push({ imageId: id, failureCode: outcome.failureCode, failureReason: outcome.failureReason });
    }
    return { imageIds: deleted, failures };
  },
};

/**
 * Deleting by tag removes only that tag while the image has others; an image's last tag, or its
 * digest, deletes the image (and every tag on it), as ECR does.
 */
async function deleteOne(registry: RegistryDouble, repository: string, id: ImageId): Promise<{ ok: true; deleted: ImageId } | { ok: false; failureCode: string; failureReason: string }> {
  if (id.imageDigest === undefined && id.imageTag === undefined) return { ok: false, failureCode: 'MissingDigestAndTag', failureReason: 'Requested image digest and tag are both missing' };
  if (id.imageDigest !== undefined && !DIGEST.test(id.imageDigest)) return { ok: false, failureCode: 'InvalidImageDigest', failureReason: 'Invalid request parameters: image digest should satisfy the regex sha256:[a-f0-9]{64}' };
  const images = await imagesIn(registry, repository);
  const image = images.find((i) => (id.imageDigest === undefined || i.digest === id.imageDigest) && (id.imageTag === undefined || i.tags.includes(id.imageTag)));
  if (!image) {
    const tagged = id.imageTag !== undefined && id.imageDigest !== undefined && images.some((i) => i.tags.includes(id.imageTag!));
    return tagged
      ? { ok: false, failureCode: 'ImageTagDoesNotMatchDigest', failureReason: 'Invalid image digest for the tag' }
      : { ok: false, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' };
  }
  if (id.imageTag !== undefined && id.imageDigest === undefined && image.tags.length > 1) {
    registry.untag(repository, id.imageTag);
    return { ok: true, deleted: { imageDigest: image.digest, imageTag: id.imageTag } };
  }
  await registry.deleteManifest(repository, image.digest);
  return { ok: true, deleted: { imageDigest: image.digest, ...(id.imageTag !== undefined ? { imageTag: id.imageTag } : {}) } };
}

function findImage(images: readonly StoredImage[], id: ImageId, repository: string, world: EcrWorld): StoredImage {
  const image = images.find((i) => (id.imageDigest === undefined || i.digest === id.imageDigest) && (id.imageTag === undefined || i.tags.includes(id.imageTag)));
  if (!image) {
    const shown = JSON.stringify({ imageDigest: id.imageDigest ?? 'null', imageTag: id.imageTag ?? 'null' }).replace(/"/g, "'");
    throw new EcrError('ImageNotFoundException', `The image with imageId ${shown} does not exist within the repository with name '${repository}' in the registry with id '${world.account}'`);
  }
  return image;
}

function byTagStatus(images: readonly StoredImage[], filter: unknown): StoredImage[] {
  const status = (filter as { tagStatus?: string } | undefined)?.tagStatus ?? 'ANY';
  if (status === 'TAGGED') return images.filter((i) => i.tags.length > 0);
  if (status === 'UNTAGGED') return images.filter((i) => i.tags.length === 0);
  return [...images];
}

/** Every manifest in the repository with its tags, media types and compressed size, oldest push first. */
async function imagesIn(registry: RegistryDouble, repository: string): Promise<StoredImage[]> {
  const tagsByDigest = new Map<string, string[]>();
  for (const tag of await registry.tags(repository)) {
    const manifest = await registry.manifest(repository, tag);
    if (manifest) tagsByDigest.set(manifest.digest, [...(tagsByDigest.get(manifest.digest) ?? []), tag]);
  }
  const images: StoredImage[] = [];
  for (const digest of registry.manifestDigests(repository)) {
    const manifest = await registry.manifest(repository, digest);
    if (!manifest) continue;
    const parsed = JSON.parse(manifest.body.toString('utf8')) as ManifestJson;
    images.push({
      digest,
      tags: (tagsByDigest.get(digest) ?? []).sort(),
      mediaType: manifest.mediaType,
      artifactMediaType: parsed.config?.mediaType,
      sizeInBytes: await compressedSize(registry, repository, parsed),
      pushedAt: registry.pushedAt(repository, digest) ?? new Date(0),
    });
  }
  return images.sort((a, b) => a.pushedAt.getTime() - b.pushedAt.getTime());
}

interface ManifestJson {
  config?: { mediaType?: string; size?: number };
  layers?: Array<{ size?: number }>;
  manifests?: Array<{ digest: string }>;
}

/** An image's layers as pushed (compressed); an index's, summed over the manifests it lists that are here. */
async function compressedSize(registry: RegistryDouble, repository: string, manifest: ManifestJson): Promise<number | undefined> {
  if (manifest.layers) return manifest.layers.reduce((sum, layer) => sum + (layer.size ?? 0), 0);
  if (!manifest.manifests) return undefined;
  let total = 0;
  for (const child of manifest.manifests) {
    const found = await registry.manifest(repository, child.digest);
    const layers = found ? (JSON.parse(found.body.toString('utf8')) as ManifestJson).layers ?? [] : [];
    total += layers.reduce((sum, layer) => sum + (layer.size ?? 0), 0);
  }
  return total;
}
