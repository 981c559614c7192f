import { z } from 'zod';
import { targetNameSchema } from '../project/schema';

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

export const loadSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('closed'), requests: z.number().int().min(1).max(1_000_000), concurrency: z.number().int().min(1).max(256) }),
  z.object({ mode: z.literal('open'), ratePerSec: z.number().min(0.1).max(100_000), durationSec: z.number().min(1).max(3600) }),
]);

export const benchRequestSchema = z
  .object({
    dir: z.string().min(1, 'Choose a project folder'),
    variant: targetNameSchema,
    load: loadSchema.default({ mode: 'closed', requests: 200, concurrency: 1 }),
    warmup: z.number().int().min(0).max(100_000).default(10),
    coldStarts: z.number().int().min(0).max(50).default(0),
    /** Names of saved payloads or files in the project's sample-payloads/; empty = the first sample payload. */
    payloads: z.array(z.string()).default([]),
  })
  .strict();
export type BenchRequest = z.infer<typeof benchRequestSchema>;

export const benchRunSchema = z.object({
  id: z.string(),
  jobId: z.string().nullable(),
  project: z.string(),
  projectDir: z.string(),
  variant: targetNameSchema,
  target: z.string(),
  imageId: z.string().nullable(),
  imageTag: z.string().nullable(),
  settings: benchRequestSchema,
  summary: z.object({ warm: latencySummarySchema.nullable(), cold: latencySummarySchema.nullable(), coldSetupMs: z.array(z.number()) }).nullable(),
  state: z.enum(['running', 'complete', 'failed', 'cancelled']),
  createdAt: z.string(),
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
});
export type BenchSampleData = z.infer<typeof benchSampleSchema>;

export const invocationSchema = z.object({
  ok: z.boolean(),
  status: z.union([z.number(), z.string()]),
  body: z.string(),
  latencyMs: z.number(),
  serverDurationMs: z.number().nullable(),
  report: z.string().optional(),
  functionError: z.string().optional(),
});

export const savedPayloadSchema = z.object({ name: z.string(), body: z.string(), source: z.enum(['project', 'saved']) });
