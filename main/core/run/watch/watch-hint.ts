import type { AppError } from '../../../../shared/errors';

/** Errors of a model that was rebuilt but did not come up: their hints say "build again", which watch mode does itself. */
const MODEL_DID_NOT_LOAD = new Set(['MODEL_SETUP_FAILED', 'LAMBDA_INIT_FAILED']);

/**
 * The hint a watched run shows: in watch mode saving the fix is the whole fix (the save rebuilds and
 * swaps), so a model that failed to load says that instead of asking for another build.
 */
export function watchError(error: AppError): AppError {
  if (!MODEL_DID_NOT_LOAD.has(error.code)) return error;
  return { ...error, hint: "Read the container's log above for the traceback and fix the model; saving the fix rebuilds it and swaps it in (no need to build again)." };
}
