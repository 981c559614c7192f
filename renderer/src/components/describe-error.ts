import { isSkyliftError } from '../../../shared/contract';

export interface ErrorDescription {
  message: string;
  hint?: string;
}

/** What a user sees of a failure: a SkyliftError's message and hint, or another error's message only. */
export function describeError(error: unknown): ErrorDescription {
  if (isSkyliftError(error)) return { message: error.message, hint: error.hint };
  if (error instanceof Error) return { message: error.message };
  return { message: String(error) };
}
