import type { LogError } from './guard';

/**
 * The last line of defence for `skylift serve`: an error that escaped every handler is logged
 * with its stack and the server keeps going, because exiting would orphan the containers its
 * jobs own. (Each handler already answers its own errors; reaching here is a bug to report.)
 * Returns a function that removes the guard.
 */
export function keepServingOnUncaughtErrors(proc: NodeJS.EventEmitter, logError: LogError, warn: (line: string) => void, logFile: string): () => void {
  const onError = (kind: string) => (error: unknown) => {
    logError(`skylift serve: ${kind}`, error);
    warn(`Skylift hit an unexpected error and kept serving; details are in ${logFile}.\n`);
  };
  const onException = onError('uncaught exception');
  const onRejection = onError('unhandled rejection');
  proc.on('uncaughtException', onException);
  proc.on('unhandledRejection', onRejection);
  return () => {
    proc.off('uncaughtException', onException);
    proc.off('unhandledRejection', onRejection);
  };
}
