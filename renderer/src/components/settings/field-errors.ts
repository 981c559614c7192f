import { isSkyliftError, ErrorCode } from '../../../../shared/contract';

/** Field name (as the contract names it: path, host, port…) → what is wrong with it. */
export type FieldErrors = Partial<Record<string, string>>;

/**
 * Picks per-field messages out of a BAD_INPUT error, whose details.fields read
 * "engine.port: Invalid input…", so each can be shown beside its own input.
 */
export function fieldErrorsFrom(error: unknown): FieldErrors {
  if (!isSkyliftError(error) || error.code !== ErrorCode.BadInput) return {};
  const fields = error.details?.fields;
  if (!Array.isArray(fields)) return {};
  const errors: FieldErrors = {};
  for (const entry of fields) {
    if (typeof entry !== 'string') continue;
    const split = entry.indexOf(': ');
    if (split < 0) continue;
    const name = entry.slice(0, split).split('.').pop() ?? '';
    errors[name] ??= entry.slice(split + 2);
  }
  return errors;
}
