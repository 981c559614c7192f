import type { PlatformReport } from '../../../shared/contract/runs';
import type { TargetName } from '../../../shared/project/schema';
import type { ContainerExit } from './container-exit';

/** One answer from a variant, in the variant's own protocol, with what the platform would report. */
export interface Invocation {
  ok: boolean;
  /** HTTP status, or for Lambda 200 / 'Unhandled' / 'timeout' / 'init-error'. */
  status: number | string;
  body: Buffer;
  latencyMs: number;
  /** The model's own time (X-Skylift-Duration-Ms, or Lambda's REPORT Duration). */
  serverDurationMs: number | null;
  /** Lambda: the REPORT line as Lambda prints it. */
  report?: string;
  /** Lambda: the REPORT line's numbers, for a bench's samples. */
  platformReport?: PlatformReport;
  /** Lambda: X-Amz-Function-Error's value when the function failed. */
  functionError?: string;
}

/** A fresh start: from container start to the first answer, and the setup time the adapter reports. */
export interface ColdStart {
  totalMs: number;
  setupMs: number | null;
  first: Invocation;
}

/** A built variant running locally under its target's protocol; one execution environment. */
export interface VariantSession {
  readonly variant: TargetName;
  /** Where a user can reach it (an HTTP URL, or the Runtime API address for Lambda). */
  readonly address: string;
  /** Creates and starts the container; resolves once it can take a request. */
  start(signal: AbortSignal): Promise<void>;
  invoke(payload: Buffer, signal?: AbortSignal): Promise<Invocation>;
  /** Restarts the environment and times the first answer to `payload`. */
  coldStart(payload: Buffer, signal: AbortSignal): Promise<ColdStart>;
  /** Lambda: the environment's peak memory since it last (re)started, in MB; absent where the platform reports none. */
  peakMemoryMb?(): Promise<number | null>;
  /** The adapter's /health (HTTP variants); null where the protocol has none. */
  health(): Promise<unknown | null>;
  /**
   * Calls `listener` when the environment's process dies on its own (not by stop() or a cold-start
   * restart); returns the unsubscribe. Benches and invokes use it to fail with the cause, promptly.
   */
  onUnexpectedExit(listener: (exit: ContainerExit) => void): () => void;
  /** Asks the engine now whether the environment's container has exited on its own (reported to the listeners too). */
  checkExit(): Promise<ContainerExit | null>;
  stop(): Promise<void>;
}
