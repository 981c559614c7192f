import type { LambdaCostBreakdown } from '../../../shared/cloud/lambda-cost';
import type { BenchSampleData, PlatformReport, WireOverhead } from '../../../shared/contract/runs';
import type { BenchTarget, InvokeResult } from '../bench';
import type { JobContext } from '../jobs/job-runner';
import type { ContainerExit } from './container-exit';

/** One forced cold start as the bench keeps it. */
export interface ColdMeasure {
  /** Start of the cold start to its first answer. */
  latencyMs: number;
  first: Pick<InvokeResult, 'ok' | 'status' | 'serverDurationMs'>;
  report: PlatformReport;
  /** The environment's own setup (Init Duration), where known. */
  setupMs: number | null;
  /** false: the platform reported no init, so the sample is not counted as a cold start. */
  cold: boolean;
}

/**
 * What differs between a bench of a local variant (containers on this engine) and of a deployment
 * (its cloud's invoke API); the bench job (bench-job.ts) does the rest the same way for both.
 */
export interface BenchBackend {
  /** Step 1: start what the bench sends to (local environments); a cloud bench has nothing to start. */
  start(job: JobContext, signal: AbortSignal): Promise<void>;
  /** The target warm requests go to; `close` when the measured run is over. */
  warmTarget(): BenchTarget & { close?: () => void };
  coldStart(payload: Buffer, signal: AbortSignal): Promise<ColdMeasure>;
  /** After requests failed: whether an environment died meanwhile (local), asked until the grace ends. */
  checkExit(): Promise<ContainerExit | null>;
  /** Measured apart from the samples once the bench is over: the wire's share (cloud) and the cost per 1M inferences. */
  extras(samples: readonly BenchSampleData[]): Promise<{ wire: WireOverhead | null; cost: LambdaCostBreakdown | null }>;
  /** Stops what start started and puts back what cold starts changed; runs after cancel and failure too. */
  stop(): Promise<void>;
}
