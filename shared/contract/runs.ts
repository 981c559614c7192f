import { z } from 'zod';
import { appErrorSchema } from '../errors';
import { targetNameSchema } from '../project/schema';
import { startupTimeoutSecondsSchema } from './deadlines';
import { lambdaCostBreakdownSchema } from '../cloud/lambda-cost';
import { BENCH_DEFAULTS } from './bench-defaults';

export const latencySummarySchema = z.object({
  count: z.number().int(),
  errors: z.number().int(),
  errorRate: z.number(),
  throughputPerSec: z.number(),
  meanMs: z.number(),
  p50Ms: z.number(),
  p90Ms: z.number(),
  p99Ms: z.number(),
  p999Ms: z.number(),
  maxMs: z.number(),
  minMs: z.number(),
});
export type LatencySummaryData = z.infer<typeof latencySummarySchema>;

/** The most requests a closed-loop bench keeps in flight (and so the most Lambda environments it can ask for). */
export const MAX_BENCH_CONCURRENCY = 256;

export const loadSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('closed'), requests: z.number().int().min(1).max(1_000_000), concurrency: z.number().int().min(1).max(MAX_BENCH_CONCURRENCY) }),
  z.object({ mode: z.literal('open'), ratePerSec: z.number().min(0.1).max(100_000), durationSec: z.number().min(1).max(3600) }),
]);

export const benchRequestSchema = z
  .object({
    /** PATH_MAX on Linux: a longer path names no folder, and its echo would swamp the error. */
    dir: z.string().min(1, 'Choose a project folder').max(4096, 'A folder path is at most 4,096 characters'),
    variant: targetNameSchema,
    load: loadSchema.default({ mode: 'closed', requests: BENCH_DEFAULTS.requests, concurrency: BENCH_DEFAULTS.concurrency }),
    warmup: z.number().int().min(0).max(100_000).default(BENCH_DEFAULTS.warmup),
    coldStarts: z.number().int().min(0).max(50).default(BENCH_DEFAULTS.coldStarts),
    /** Names of saved payloads or files in the project's sample-payloads/; empty = the first sample payload. */
    payloads: z.array(z.string()).default([]),
    /** Overrides Settings' startup deadline for this bench's environments (HTTP variants). */
    startupTimeoutSeconds: startupTimeoutSecondsSchema.optional(),
    /** A deployment from skylift.yaml: bench its alias in the cloud instead of the local variant (variant: the deployment's target). */
    deployment: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'Name a deployment from skylift.yaml (deployments:), e.g. prod').optional(),
  })
  .strict();
export type BenchRequest = z.infer<typeof benchRequestSchema>;

/**
 * `complete`: every planned request was sent. `cancelled` (by the user), `failed` (a container died,
 * an engine error) and `interrupted` (Skylift itself was killed) keep the samples measured so far.
 */
export const benchRunStateSchema = z.enum(['running', 'complete', 'failed', 'cancelled', 'interrupted']);
export type BenchRunState = z.infer<typeof benchRunStateSchema>;

export const benchSummarySchema = z.object({
  warm: latencySummarySchema.nullable(),
  cold: latencySummarySchema.nullable(),
  coldSetupMs: z.array(z.number()),
  /** The run stopped early: the numbers cover only the requests measured before it stopped (as wrk and k6 report on Ctrl-C). */
  partial: z.boolean().default(false),
});
export type BenchSummary = z.infer<typeof benchSummarySchema>;

/** Lambda runs one request per execution environment; a Settings cap can start fewer than the concurrency asks for. */
export const benchEnvironmentsSchema = z.object({
  /** The closed loop's concurrency; null for open loop, where Lambda would start as many as the arrival rate needs. */
  requested: z.number().int().nullable(),
  effective: z.number().int(),
  /** The Settings cap (lambdaMaxEnvironments) when it made `effective` smaller than asked; null when nothing was capped. */
  cappedBy: z.number().int().nullable(),
});
export type BenchEnvironments = z.infer<typeof benchEnvironmentsSchema>;

/** Where a run's requests went: a local variant's container, or a named deployment's published version. */
export const localRunTargetSchema = z.object({ kind: z.literal('local'), variant: targetNameSchema });

/**
 * A deployment on AWS Lambda: the `deployments:` entry's name and the version the run reached. Each
 * cloud target adds its own member to runTargetSchema, told apart by `target` (Azure's will carry
 * its resource id and revision instead of an ARN and version).
 */
export const awsLambdaRunTargetSchema = z.object({
  kind: z.literal('cloud'),
  deployment: z.string().min(1),
  target: z.literal('aws-lambda'),
  functionArn: z.string().min(1),
  /** The published version ("3"); `$LATEST` when the function has none. */
  version: z.string().min(1),
});

export const runTargetSchema = z.union([localRunTargetSchema, awsLambdaRunTargetSchema]);
export type RunTarget = z.infer<typeof runTargetSchema>;

/** A bench measures latency under load; a verify run is the handful of invokes that check a deployment answers as the local variant does. */
export const runKindSchema = z.enum(['bench', 'verify']);
export type RunKind = z.infer<typeof runKindSchema>;

/**
 * The image a run ran, by digest, so local and cloud runs of the same bytes join. `repo-digest`: the
 * manifest digest a registry gave the image (what Lambda pins, identical in every repository it is
 * pushed to); `image-id`: the local image's config digest, for an image never pushed (no repo digest yet).
 */
export const imageDigestSchema = z.object({
  digest: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'A digest is sha256: and 64 hex digits'),
  source: z.enum(['repo-digest', 'image-id']),
});
export type ImageDigest = z.infer<typeof imageDigestSchema>;

/** What Lambda's REPORT line says of one invocation; absent (null) where the platform does not report it. */
export const platformReportSchema = z.object({
  /** Only on an execution environment's first invocation (a cold start). */
  initDurationMs: z.number().nullable(),
  billedDurationMs: z.number().nullable(),
  maxMemoryUsedMb: z.number().nullable(),
  /** The memory the function is configured with (REPORT's Memory Size); absent where not reported. */
  memorySizeMb: z.number().nullable().optional(),
});
export type PlatformReport = z.infer<typeof platformReportSchema>;

/**
 * Client-side costs measured apart, so "Lambda is slower" never means "the laptop is far away":
 * rttMs is a TCP connect round trip to the endpoint's host; clientOverheadMs is the SDK's own time
 * per request (signing, middleware) outside the wire.
 */
export const wireOverheadSchema = z.object({
  endpoint: z.string(),
  rttMs: z.object({ p50: z.number(), min: z.number(), samples: z.number().int() }),
  clientOverheadMs: z.object({ p50: z.number(), p99: z.number(), samples: z.number().int() }),
});
export type WireOverhead = z.infer<typeof wireOverheadSchema>;

/** What a person adds to a run so it can be found again: a name, a note, a few tags. */
export const RUN_NAME_MAX = 120;
export const RUN_NOTE_MAX = 2000;
export const RUN_TAGS_MAX = 20;
export const runNameSchema = z.string().trim().max(RUN_NAME_MAX, `A run's name is at most ${RUN_NAME_MAX} characters`);
export const runNoteSchema = z.string().trim().max(RUN_NOTE_MAX, `A run's note is at most ${RUN_NOTE_MAX} characters`);
export const runTagSchema = z
  .string()
  .trim()
  .min(1, 'A tag has at least one character')
  .max(40, 'A tag is at most 40 characters')
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._:/+-]*$/u, 'A tag is letters, digits and . _ : / + - (no spaces), e.g. baseline or gpu:a10');
export const runTagsSchema = z
  .array(runTagSchema)
  .max(RUN_TAGS_MAX, `A run has at most ${RUN_TAGS_MAX} tags`)
  .transform((tags) => [...new Set(tags)]);

/** runs.update: each field given replaces the stored one; an empty name or note clears it. */
export const runUpdateSchema = z
  .object({ runId: z.string().min(1), name: runNameSchema.optional(), note: runNoteSchema.optional(), tags: runTagsSchema.optional() })
  .strict();
export type RunUpdate = z.infer<typeof runUpdateSchema>;

export const benchRunSchema = z.object({
  id: z.string(),
  jobId: z.string().nullable(),
  project: z.string(),
  projectDir: z.string(),
  /** The variant whose image ran (locally, or the one published to the deployment). */
  variant: targetNameSchema,
  target: runTargetSchema,
  runKind: runKindSchema.default('bench'),
  imageId: z.string().nullable(),
  imageTag: z.string().nullable(),
  imageDigest: imageDigestSchema.nullable().default(null),
  settings: benchRequestSchema,
  summary: benchSummarySchema.nullable(),
  state: benchRunStateSchema,
  createdAt: z.string(),
  /** Lambda only: how many execution environments were asked for and how many ran; null for HTTP variants (one container). */
  environments: benchEnvironmentsSchema.nullable().default(null),
  /** Why a `failed` run stopped (a container that died: its exit code, OOM kill, when); null otherwise. */
  failure: appErrorSchema.nullable().default(null),
  /** Cloud runs: what the client and the network add, measured apart from the function's latency. */
  wire: wireOverheadSchema.nullable().default(null),
  /** Lambda runs (cloud, or local aws-lambda with REPORT numbers): cost per 1M inferences; null where it cannot be priced. */
  cost: lambdaCostBreakdownSchema.nullable().default(null),
  /** The user's name, note and tags (runs.update); a stored run always has them (null, null, [] until given), a run being created may leave them out. */
  name: z.string().nullable().optional(),
  note: z.string().nullable().optional(),
  tags: z.array(z.string()).optional(),
});
export type BenchRun = z.infer<typeof benchRunSchema>;

export const benchSampleSchema = z.object({
  seq: z.number().int(),
  tMs: z.number(),
  latencyMs: z.number(),
  ok: z.boolean(),
  status: z.union([z.number(), z.string()]),
  cold: z.boolean(),
  serverDurationMs: z.number().nullable(),
  /** Lambda's REPORT numbers for this request where the platform gave them (null for HTTP variants). */
  initDurationMs: z.number().nullable().optional(),
  billedDurationMs: z.number().nullable().optional(),
  maxMemoryUsedMb: z.number().nullable().optional(),
});
export type BenchSampleData = z.infer<typeof benchSampleSchema>;

export const invocationSchema = z.object({
  ok: z.boolean(),
  status: z.union([z.number(), z.string()]),
  body: z.string(),
  latencyMs: z.number(),
  serverDurationMs: z.number().nullable(),
  report: z.string().optional(),
  /** Lambda: the REPORT line's numbers (Init Duration on a cold start, Billed Duration, Max Memory Used). */
  platformReport: platformReportSchema.optional(),
  functionError: z.string().optional(),
});
export type InvocationData = z.infer<typeof invocationSchema>;

export const savedPayloadSchema = z.object({ name: z.string(), body: z.string(), source: z.enum(['project', 'saved']) });
