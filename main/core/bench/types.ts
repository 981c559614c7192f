import type { LatencySummaryData, PlatformReport } from '../../../shared/contract/runs';

/** One measured request. Cold-start samples from elsewhere (container restarts, cloud) share this shape. */
export interface BenchSample {
  seq: number;
  /** Send time relative to the start of the measured run; for open loop the intended send time. */
  tMs: number;
  latencyMs: number;
  ok: boolean;
  /** HTTP status, or 'error' / 'timeout' / 'overload'. */
  status: number | string;
  cold: boolean;
  /** What the server says it spent (X-Skylift-Duration-Ms), when it says. */
  serverDurationMs: number | null;
  /** Lambda's REPORT numbers (Init Duration, Billed Duration, Max Memory Used); null where the platform gives none. */
  initDurationMs?: number | null;
  billedDurationMs?: number | null;
  maxMemoryUsedMb?: number | null;
}

export interface InvokeResult {
  ok: boolean;
  status: number | string;
  serverDurationMs: number | null;
  /** Lambda targets only: the invocation's REPORT numbers. HTTP targets leave it out (nothing added to their hot path). */
  report?: PlatformReport;
  /** Cloud targets only: the client's own time for this request outside the wire (signing, SDK middleware), taken out of its latency. */
  clientOverheadMs?: number;
}

/** Something that answers one request; it must settle (never throw) and honour the signal. */
export interface BenchTarget {
  invoke(payload: Buffer, signal: AbortSignal): Promise<InvokeResult>;
}

/** A fixed number of requests from a fixed number of workers, each sending when the last answered. */
export interface ClosedLoopOptions {
  mode: 'closed';
  requests: number;
  concurrency: number;
}

/** Requests sent on a fixed schedule whatever the answers, so that queueing shows in the latency. */
export interface OpenLoopOptions {
  mode: 'open';
  ratePerSec: number;
  durationSec: number;
  /** Requests past this many in flight are counted as 'overload' errors, not queued. Default 10,000. */
  maxInFlight?: number;
}

export interface BenchRunOptions {
  target: BenchTarget;
  /** Sent round-robin. */
  payloads: Buffer[];
  /** Requests sent and discarded before the measured run. */
  warmup: number;
  load: ClosedLoopOptions | OpenLoopOptions;
  signal: AbortSignal;
  onSample?: (sample: BenchSample) => void;
  /** The warm-up is over and the measured run starts now (progress counts from here). */
  onMeasureStart?: () => void;
  /** Called at most every 100 ms, and once at the end. */
  onProgress?: (done: number, total: number | null) => void;
  /** Milliseconds from a monotonic clock; performance.now by default. */
  now?: () => number;
}

/** The summary's shape is the contract's: one definition for core, CLI and UI. */
export type LatencySummary = LatencySummaryData;
