import { z } from 'zod';
import { ErrorCode, SkyliftError, type AppError } from '../../shared/errors';
import { engineFailure } from './engine/engine-errors';

const MAX_MESSAGE = 400;

/**
 * Turns anything thrown into an AppError fit to show a user: a known SkyliftError as is, a schema
 * failure as a list of fields, a failed engine request as the Engine page explains it (engine down,
 * its own 5xx message), and anything else as its first line only — never a stack trace.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof SkyliftError) return error.toAppError();
  if (error instanceof z.ZodError) return badInput(error);
  if (isAbort(error)) return { code: ErrorCode.Cancelled, message: 'Cancelled.' };
  const engine = engineFailure(error);
  if (engine) return engine;
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: ErrorCode.Internal,
    message: `Unexpected error: ${firstLine(message)}`,
    hint: 'Try again; if it persists, report it with the steps that led here.',
  };
}

/** Skylift's own fault (a bug): what the user sees; the details go to the log, not to them. */
export const internalError = (what: string): AppError => ({
  code: ErrorCode.Internal,
  message: `Internal error: ${what}`,
  hint: 'This is a bug in Skylift, not in your input. The details are in logs/skylift.log in the data folder; please report it with that file.',
});

function badInput(error: z.ZodError): AppError {
  const fields = error.issues.map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`);
  return {
    code: ErrorCode.BadInput,
    message: `Invalid input — ${fields.slice(0, 5).join('; ')}`,
    hint: 'Correct the fields named above and try again.',
    details: { fields },
  };
}

export function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || (error as { code?: string }).code === 'ABORT_ERR');
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0].trim();
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE)}…` : line;
}
