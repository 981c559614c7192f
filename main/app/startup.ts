import { ErrorCode } from '../../shared/errors';
import { settleWithin } from '../core/deadline';
import { toAppError } from '../core/errors';

/** How long quitting waits for running jobs to cancel (and their containers to go) before it quits anyway. */
export const QUIT_DEADLINE_MS = 10_000;

export interface ErrorDialogText {
  title: string;
  content: string;
}

/**
 * What the start-up failure dialog says: a known error's own message and hint (a database from a
 * newer Skylift says to update or use SKYLIFT_HOME); anything else says where the details were
 * logged. Never the stack.
 */
export function startupFailureText(error: unknown, logFile: string | undefined): ErrorDialogText {
  const appError = toAppError(error);
  const where = logFile ? `Details are in ${logFile}.` : '';
  const advice = appError.code === ErrorCode.Internal ? 'Please report it with that log file.' : appError.hint;
  const content = [appError.message, advice, where];
  return { title: 'Skylift could not start', content: content.filter(Boolean).join('\n\n') };
}

/** Closes core (cancelling jobs) but waits at most `ms`; a late or failed close is logged, and quitting goes on. */
export async function closeWithin(close: () => Promise<void>, ms: number, logError: (context: string, error: unknown) => void): Promise<void> {
  const settled = await settleWithin(close(), ms);
  if (settled.outcome === 'failed') logError('quit: closing core', settled.error);
  if (settled.outcome === 'timed-out') logError('quit', new Error(`Running jobs did not finish cancelling within ${ms / 1000} s; quitting anyway (their containers are swept at the next start).`));
}
