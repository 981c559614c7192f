import { z } from 'zod';
import { appErrorSchema, ErrorCode, SkyliftError } from '../errors';
import { buildResultSchema } from './build';
import { benchSummarySchema, invocationSchema } from './runs';
import { deployResultSchema, destroyResultSchema, rollbackResultSchema, verifyResultSchema } from './deploy';

/**
 * What each kind of job gives back when it succeeds: one schema per kind, the only place a job's
 * result is defined. A new kind of job adds its entry here; JobRunner.start accepts only these kinds
 * and checks each result against its kind's schema before it is stored or sent.
 */
export const jobResultSchemas = {
  build: buildResultSchema,
  /** A run lives until it is cancelled; a run that ends on its own has nothing to give back. */
  run: z.null(),
  /** The answer to the one request, body as UTF-8 text. */
  invoke: invocationSchema,
  /** The stored run (runs:get has it all) and its summary. */
  bench: z.object({ runId: z.string(), summary: benchSummarySchema }),
  /** Publishing a plan: the version now behind the alias. */
  deploy: deployResultSchema,
  /** A deployment invoked and compared with the local variant (a failed comparison is a result, not a job failure). */
  verify: verifyResultSchema,
  rollback: rollbackResultSchema,
  destroy: destroyResultSchema,
} as const;

export type JobKind = keyof typeof jobResultSchemas;
export const JOB_KINDS = Object.keys(jobResultSchemas) as JobKind[];
export type JobResultValue<K extends JobKind> = z.infer<(typeof jobResultSchemas)[K]>;

/** A result with its kind: what the runner validates, and what readers narrow on. */
export const jobResultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('build'), value: jobResultSchemas.build }),
  z.object({ kind: z.literal('run'), value: jobResultSchemas.run }),
  z.object({ kind: z.literal('invoke'), value: jobResultSchemas.invoke }),
  z.object({ kind: z.literal('bench'), value: jobResultSchemas.bench }),
  z.object({ kind: z.literal('deploy'), value: jobResultSchemas.deploy }),
  z.object({ kind: z.literal('verify'), value: jobResultSchemas.verify }),
  z.object({ kind: z.literal('rollback'), value: jobResultSchemas.rollback }),
  z.object({ kind: z.literal('destroy'), value: jobResultSchemas.destroy }),
]);
export type JobResult = z.infer<typeof jobResultSchema>;

/**
 * A result event's value: one of the kinds' results (the job's kind says which; see readJobResult).
 * Events stored before results were typed hold the same shapes, so they still read.
 */
const jobResultValueSchema = z.union([
  jobResultSchemas.build,
  jobResultSchemas.bench,
  jobResultSchemas.invoke,
  jobResultSchemas.verify,
  jobResultSchemas.deploy,
  jobResultSchemas.rollback,
  jobResultSchemas.destroy,
  jobResultSchemas.run,
]);

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

/**
 * A bench's live numbers, sent with its progress events (k6/wrk style). `total` is the closed loop's
 * requests or the open loop's planned rate × duration; the percentiles are of what was measured so far.
 */
export const benchProgressSchema = z.object({
  phase: z.enum(['warmup', 'measuring', 'cold']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().nullable(),
  elapsedMs: z.number().nonnegative(),
  /** null until there is a rate to go on. */
  etaMs: z.number().nonnegative().nullable(),
  /** Requests answered per second over the last few seconds. */
  ratePerSec: z.number().nonnegative().nullable(),
  errors: z.number().int().nonnegative(),
  p50Ms: z.number().nonnegative().nullable(),
  p99Ms: z.number().nonnegative().nullable(),
});
export type BenchProgress = z.infer<typeof benchProgressSchema>;

export const jobEventSchema = z.discriminatedUnion('type', [
  z.object({ ...eventBase, type: z.literal('log'), stream: z.enum(['stdout', 'stderr', 'info']), line: z.string() }),
  z.object({
    ...eventBase,
    type: z.literal('progress'),
    /** 0..1, or null when the amount of work is not known. */
    fraction: z.number().min(0).max(1).nullable(),
    message: z.string().optional(),
    /** A bench's live numbers; other jobs leave it out. */
    bench: benchProgressSchema.optional(),
  }),
  /** Steps count from 1, as Docker's build does (Step 1/18): `[index/total] name`. */
  z.object({ ...eventBase, type: z.literal('step'), index: z.number().int(), total: z.number().int().optional(), name: z.string() }),
  z.object({ ...eventBase, type: z.literal('result'), value: jobResultValueSchema }),
]);
export type JobEvent = z.infer<typeof jobEventSchema>;

/** What a job body emits; the runner adds jobId, seq and at. */
export type JobEventInput = JobEvent extends infer E ? (E extends JobEvent ? Omit<E, 'jobId' | 'seq' | 'at'> : never) : never;

/**
 * A job's result as its kind's type, or undefined when the job has none (not finished, failed) or
 * the value is not its kind's (a job of another kind). Replaces casts in the CLI and the renderer.
 */
export function readJobResult<K extends JobKind>(kind: K, events: readonly JobEvent[]): JobResultValue<K> | undefined {
  const event = events.find((e) => e.type === 'result');
  if (!event || event.type !== 'result') return undefined;
  const parsed = jobResultSchemas[kind].safeParse(event.value);
  return parsed.success ? (parsed.data as JobResultValue<K>) : undefined;
}

/** The result of a job that succeeded: every succeeded job stored one its kind's schema accepted, so a missing one is Skylift's bug. */
export function requireJobResult<K extends JobKind>(kind: K, events: readonly JobEvent[]): JobResultValue<K> {
  const result = readJobResult(kind, events);
  if (result !== undefined) return result;
  throw new SkyliftError({
    code: ErrorCode.Internal,
    message: `Internal error: the ${kind} job ended without a readable result.`,
    hint: 'This is a bug in Skylift, not in your input; please report it with logs/skylift.log from the data folder.',
  });
}
