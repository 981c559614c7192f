import { z } from 'zod';
import { appErrorSchema } from '../errors';

/** One swap in watch mode: what the save cost, in its three parts as the user lives them. */
export const swapTimingsSchema = z.object({
  /** The build job that made the new image (its log is the Build step's). */
  buildJobId: z.string(),
  /** From the rebuild's start to the image being ready. */
  rebuildMs: z.number().nonnegative(),
  /** From the new container's start to its first readiness (the model's load() included). */
  loadMs: z.number().nonnegative(),
  /** From the file saved to the same address answering with the new code. */
  totalMs: z.number().nonnegative(),
  /** When the swap happened (ISO 8601). */
  at: z.string(),
});
export type SwapTimings = z.infer<typeof swapTimingsSchema>;

/**
 * Watch mode of one run ("Rebuild on save"): off, waiting for a save, or rebuilding and starting
 * the new container while the old one serves. `error` is the last attempt's failure, cleared by
 * the next swap; the old container kept serving through it.
 */
export const watchStatusSchema = z.object({
  enabled: z.boolean(),
  state: z.enum(['off', 'watching', 'building', 'starting']),
  swaps: z.number().int().nonnegative(),
  lastSwap: swapTimingsSchema.nullable(),
  error: appErrorSchema.nullable(),
  /** The rebuild under way, or the last one. */
  buildJobId: z.string().nullable(),
});
export type WatchStatus = z.infer<typeof watchStatusSchema>;

export const watchSetSchema = z.object({ jobId: z.string().min(1), enabled: z.boolean() }).strict();

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** The line the CLI prints and the Test step shows after each swap. */
export function swapLine(t: Pick<SwapTimings, 'rebuildMs' | 'loadMs' | 'totalMs'>): string {
  return `rebuilt in ${seconds(t.rebuildMs)} · model loaded in ${seconds(t.loadMs)} · answering ${seconds(t.totalMs)} after save`;
}
