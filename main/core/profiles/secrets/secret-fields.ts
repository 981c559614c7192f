import { z } from 'zod';
import { secretUnreadable } from './secret-errors';
import type { SecretFields } from './secret-vault';

export const secretFieldsSchema = z.record(z.string(), z.string());

/**
 * Reads a stored entry back. JSON.parse's own message quotes the text it choked on — the secret —
 * so a damaged entry is reported in words of our own.
 */
export function parseSecretFields(text: string, where: string): SecretFields {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw damaged(where);
  }
  const parsed = secretFieldsSchema.safeParse(value);
  if (!parsed.success) throw damaged(where);
  return parsed.data;
}

function damaged(where: string) {
  return secretUnreadable(`The secret stored for this profile in ${where} is damaged and cannot be read.`, 'Edit the profile and enter its secret again.');
}
