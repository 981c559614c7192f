import { SkyliftError } from '../../../shared/contract';

/** A refusal tied to one field, shaped like the contract's own, so forms can show it beside that field. */
export function fieldError(field: string, message: string, hint: string): SkyliftError {
  return new SkyliftError({ code: 'BAD_INPUT', message, hint, details: { fields: [`${field}: ${message}`] } });
}
