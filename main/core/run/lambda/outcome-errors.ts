/** The error bodies Lambda's Invoke returns when the platform, not the function, ended an invocation. */

export const TIMED_OUT = 'Sandbox.Timedout';
export const EXIT_ERROR = 'Runtime.ExitError';
export const OUT_OF_MEMORY = 'Runtime.OutOfMemory';

/**
 * On-demand functions get 10 s for the init phase; when init does not finish in time, Lambda
 * retries it at the first invoke, bounded by the function's timeout ("Lambda execution
 * environment lifecycle", Init phase, in the Lambda developer guide).
 */
export const INIT_TIMEOUT_MS = 10_000;

export interface ErrorBody {
  errorMessage: string;
  errorType: string;
}

/** How the runtime process ended, as the container engine reports it. */
export interface RuntimeExitCause {
  exitCode: number | null;
  oomKilled: boolean;
}

/** Go's names for the signals a runtime dies of (Lambda's messages come from Go's os/exec). */
const SIGNAL_NAMES: Record<number, string> = {
  1: 'hangup',
  2: 'interrupt',
  3: 'quit',
  4: 'illegal instruction',
  6: 'aborted',
  7: 'bus error',
  8: 'floating point exception',
  9: 'killed',
  11: 'segmentation fault',
  13: 'broken pipe',
  14: 'alarm clock',
  15: 'terminated',
};

/**
 * "exit status 1" or "signal: killed", as Lambda words it. The container's init process exits
 * with 128 + N when the runtime dies of signal N, the shell convention Docker follows.
 */
export function exitReason(cause: RuntimeExitCause): string {
  const code = cause.exitCode;
  if (code === null) return 'exit status unknown';
  if (code > 128 && code - 128 in SIGNAL_NAMES) return `signal: ${SIGNAL_NAMES[code - 128]}`;
  if (code > 128 && code < 160) return `signal: ${code - 128}`;
  return `exit status ${code}`;
}

/**
 * What Lambda (and AWS's Runtime Interface Emulator, rapid/handlers.go) returns when the runtime
 * process exits while an invocation waits: Runtime.ExitError, or Runtime.OutOfMemory when the
 * sandbox's memory limit killed it, with "RequestId: … Error: Runtime exited with error: exit status 1".
 */
export function runtimeExitError(requestId: string, cause: RuntimeExitCause): ErrorBody {
  const what = cause.exitCode === 0 ? 'Runtime exited without providing a reason' : `Runtime exited with error: ${exitReason(cause)}`;
  return { errorMessage: `RequestId: ${requestId} Error: ${what}`, errorType: exitErrorType(cause) };
}

export function exitErrorType(cause: RuntimeExitCause): string {
  return cause.oomKilled ? OUT_OF_MEMORY : EXIT_ERROR;
}

/** Lambda's timeout body: `<ISO time> <id> Task timed out after N.NN seconds`. */
export function invokeTimeoutError(requestId: string, at: number, seconds: number): ErrorBody {
  return { errorMessage: `${new Date(at).toISOString()} ${requestId} Task timed out after ${seconds.toFixed(2)} seconds`, errorType: TIMED_OUT };
}

/** Init ran out of both deadlines: the 10 s init phase, then the function's timeout at the invoke. */
export function initTimeoutError(requestId: string, initTimeoutMs: number, timeoutMs: number): ErrorBody {
  const seconds = (timeoutMs / 1000).toFixed(2);
  return {
    errorMessage:
      `RequestId: ${requestId} Error: Task timed out after ${seconds} seconds: init did not finish within the ${initTimeoutMs / 1000} s init phase, ` +
      `nor when retried at this invoke within the function's ${timeoutMs / 1000} s timeout`,
    errorType: TIMED_OUT,
  };
}
