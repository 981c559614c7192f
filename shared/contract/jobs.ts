import { z } from 'zod';
import { appErrorSchema } from '../errors';

export const jobStateSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted']);
export type JobState = z.infer<typeof jobStateSchema>;

export const terminalJobStates: readonly JobState[] = ['succeeded', 'failed', 'cancelled', 'interrupted'];

export const jobSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  state: jobStateSchema,
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  error: appErrorSchema.nullable(),
});
export type Job = z.infer<typeof jobSchema>;

const eventBase = { jobId: z.string(), seq: z.number().int().nonnegative(), at: z.string() };

export const jobEventSchema = z.discriminatedUnion('type', [
  z.object({ ...eventBase, type: z.literal('log'), stream: z.enum(['stdout', 'stderr', 'info']), line: z.string() }),
  z.object({
    ...eventBase,
    type: z.literal('progress'),
    /** 0..1, or null when the amount of work is not known. */
    fraction: z.number().min(0).max(1).nullable(),
    message: z.string().optional(),
  }),
  z.object({ ...eventBase, type: z.literal('step'), index: z.number().int(), total: z.number().int().optional(), name: z.string() }),
  z.object({ ...eventBase, type: z.literal('result'), value: z.unknown() }),
]);
export type JobEvent = z.infer<typeof jobEventSchema>;

/** What a job body emits; the runner adds jobId, seq and at. */
export type JobEventInput = JobEvent extends infer E ? (E extends JobEvent ? Omit<E, 'jobId' | 'seq' | 'at'> : never) : never;
