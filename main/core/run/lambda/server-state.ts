import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { RuntimeExitCause } from './outcome-errors';
import type { InvocationOutcome, InvokeOptions } from './types';

/** The Runtime API server's bookkeeping for one execution environment. */

export interface Invocation {
  readonly requestId: string;
  readonly payload: Buffer;
  readonly options: InvokeOptions;
  /** Resolves or rejects the caller's promise once; later calls do nothing (an aborted caller stopped waiting). */
  settle(result: InvocationOutcome | Error): void;
}

export interface InFlight {
  invocation: Invocation;
  socket: Socket;
  handedAt: number;
  /** On the duration clock: an answer at or after it is too late. */
  deadlineAt: number;
  initDurationMs: number | null;
  timer: NodeJS.Timeout;
}

export interface Poll {
  res: ServerResponse;
  socket: Socket;
}

export interface InitFailure {
  payload: Buffer;
  errorType: string;
  /** Set when the runtime process exited during init: each invocation's body names its own request ID. */
  exitCause?: RuntimeExitCause;
}
