import { z } from 'zod';

/** An image prune removes (or would): what it is and why it goes. */
export const prunedImageSchema = z.object({ id: z.string(), name: z.string(), sizeBytes: z.number(), why: z.string() });

/** A bench run that measured an image (runs store the image id they ran). */
export const imageRunSchema = z.object({ id: z.string(), createdAt: z.string(), state: z.string() });

/** A container (a live session, a stopped leftover) that holds an image, so it cannot be deleted. */
/** heldByBuild: a created-not-started container a build in progress holds the image with (see main/core/images/build-hold.ts). */
export const imageUserSchema = z.object({ containerId: z.string(), jobId: z.string().nullable(), state: z.string(), heldByBuild: z.boolean() });

/**
 * What an image is to Skylift: the code image that runs (skylift/NAME:VARIANT), the dependencies
 * image under it (skylift-deps/NAME:VARIANT), or Skylift's weights layer (skylift-weights:HASH-DEPS).
 */
export const imageKindSchema = z.enum(['code', 'deps', 'weights']);

/** An image built on another one (its layers start with the other's): "iris (local)", a tag, or a short id. */
export const imageDependentSchema = z.object({ id: z.string(), name: z.string() });

/** One image Skylift built, as the engine has it now. */
export const skyliftImageSchema = z.object({
  id: z.string(),
  kind: imageKindSchema,
  tags: z.array(z.string()),
  /**
   * The bytes this image adds over the image it is built on (the weights layer itself; the deps
   * over the base image; the code over its weights or deps): the layers below are shared on disk.
   */
  ownBytes: z.number(),
  /** A weights image's layer digest (its diff id): the same weights bytes give the same digest. */
  weightsLayer: z.string().nullable(),
  /** Images built on this one (deps and weights images: the code images that need them). */
  dependents: z.array(imageDependentSchema),
  /** A deps image's projects and variants, from its skylift-deps tags: "iris (local)". */
  forProjects: z.array(z.string()),
  /** From the image's labels; null on an image older than the label. */
  project: z.string().nullable(),
  projectDir: z.string().nullable(),
  variant: z.string().nullable(),
  /** The engine's size: every layer, shared ones included (what `docker images` shows). */
  sizeBytes: z.number(),
  /**
   * When it was built. A weights image's own date is fixed (reproducible) and loading records none:
   * its age is the first build on it still on the engine, null when none is.
   */
  createdAt: z.string().nullable(),
  runs: z.array(imageRunSchema),
  usedBy: z.array(imageUserSchema),
});

export const imageListSchema = z.object({
  images: z.array(skyliftImageSchema),
  /** What `images prune` would remove now; sizeBytes: the bytes it would free, each layer counted once. */
  prunable: z.object({ count: z.number().int(), sizeBytes: z.number(), images: z.array(prunedImageSchema) }),
  /** The disk Skylift's images take: each layer counted once, layers a base image also holds not counted. */
  diskBytes: z.number(),
});

export const imageDeleteResultSchema = z.object({
  removed: z.array(z.string()),
  /** Weights and deps images the deleted image was built on that stay (another image uses them), with why. */
  kept: z.array(z.object({ id: z.string(), name: z.string(), reason: z.string() })),
});

export const imagePruneResultSchema = z.object({
  /** sizeBytes: the image's own bytes (ownBytes); reclaimedBytes below counts each freed layer once. */
  removed: z.array(prunedImageSchema),
  /** Dangling Skylift images a container still holds: left in place, with the reason. */
  kept: z.array(z.object({ id: z.string(), reason: z.string() })),
  reclaimedBytes: z.number(),
});

export const listDirsInputSchema = z.object({ path: z.string().max(4096), limit: z.number().int().min(1).max(200).default(50) }).strict();
export const listDirsOutputSchema = z.object({
  /** The folder whose children are listed (absolute, on the machine running Skylift). */
  parent: z.string(),
  dirs: z.array(z.string()),
  /** More children matched than `limit`, or the folder was too large to read whole. */
  truncated: z.boolean(),
});

export type SkyliftImage = z.infer<typeof skyliftImageSchema>;
export type ImageKind = z.infer<typeof imageKindSchema>;
export type PrunedImage = z.infer<typeof prunedImageSchema>;
export type ImageList = z.infer<typeof imageListSchema>;
export type ImagePruneResult = z.infer<typeof imagePruneResultSchema>;
export type ListDirsOutput = z.infer<typeof listDirsOutputSchema>;

/** "3 days ago": an image's age, the same words in the UI and the CLI. */
export function describeAge(iso: string | null, now: number = Date.now()): string {
  if (iso === null) return 'age unknown';
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  const steps: Array<[number, string]> = [[86_400, 'day'], [3600, 'hour'], [60, 'minute']];
  for (const [size, unit] of steps) {
    const count = Math.floor(seconds / size);
    if (count >= 1) return `${count} ${unit}${count === 1 ? '' : 's'} ago`;
  }
  return 'just now';
}

/** "weights layer sha256:abcd1234abcd…", "dependencies for iris (local)", or the code image's tag: what an image is, in UI and CLI. */
export function imageHeadline(image: Pick<SkyliftImage, 'kind' | 'tags' | 'id' | 'weightsLayer' | 'forProjects' | 'project' | 'variant'>): string {
  if (image.kind === 'weights') return `weights layer ${(image.weightsLayer ?? image.id).slice(0, 19)}…`;
  if (image.kind === 'deps') return `dependencies for ${image.forProjects.join(', ') || 'no project (its tag was moved on)'}`;
  return image.tags[0] ?? `${image.project ?? 'unknown project'} (${image.variant ?? 'unknown variant'}), untagged ${image.id.slice(7, 19)}`;
}

/** "used by: iris (local), iris-copy (local)": which images are built on a weights or deps image. */
export function dependentsText(image: Pick<SkyliftImage, 'dependents'>): string {
  return image.dependents.length ? `used by: ${image.dependents.map((d) => d.name).join(', ')}` : 'used by no image: prune removes it once no build holds it';
}

/** Said wherever weights layers are listed: the engine keeps one copy of a layer, however many images hold it. */
export const SHARED_LAYERS_NOTE = 'A weights layer is stored once on disk (the engine\'s layer store): every image built on it shares those bytes, so sizes are not added up twice.';
