import { z } from 'zod';

/** A bench run that measured an image (runs store the image id they ran). */
export const imageRunSchema = z.object({ id: z.string(), createdAt: z.string(), state: z.string() });

/** A container (a live session, a stopped leftover) that holds an image, so it cannot be deleted. */
export const imageUserSchema = z.object({ containerId: z.string(), jobId: z.string().nullable(), state: z.string() });

/** One image Skylift built, as the engine has it now. */
export const skyliftImageSchema = z.object({
  id: z.string(),
  tags: z.array(z.string()),
  /** From the image's labels; null on an image older than the label. */
  project: z.string().nullable(),
  projectDir: z.string().nullable(),
  variant: z.string().nullable(),
  sizeBytes: z.number(),
  createdAt: z.string(),
  runs: z.array(imageRunSchema),
  usedBy: z.array(imageUserSchema),
});

export const imageListSchema = z.object({
  images: z.array(skyliftImageSchema),
  /** What `images prune` would remove now. */
  prunable: z.object({ count: z.number().int(), sizeBytes: z.number() }),
});

export const imageDeleteResultSchema = z.object({ removed: z.array(z.string()) });

export const imagePruneResultSchema = z.object({
  removed: z.array(z.object({ id: z.string(), sizeBytes: z.number(), why: z.string() })),
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
export type ImageList = z.infer<typeof imageListSchema>;
export type ImagePruneResult = z.infer<typeof imagePruneResultSchema>;
export type ListDirsOutput = z.infer<typeof listDirsOutputSchema>;

/** "3 days ago": an image's age, the same words in the UI and the CLI. */
export function describeAge(iso: string, now: number = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  const steps: Array<[number, string]> = [[86_400, 'day'], [3600, 'hour'], [60, 'minute']];
  for (const [size, unit] of steps) {
    const count = Math.floor(seconds / size);
    if (count >= 1) return `${count} ${unit}${count === 1 ? '' : 's'} ago`;
  }
  return 'just now';
}
