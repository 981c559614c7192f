import { SkyliftError } from '../../../../shared/contract';
import type { SecretFields } from './secret-vault';

/** The codes the vault throws; the UI and the CLI branch on them. */
export const SecretErrorCode = {
  /** No keychain, and the user has not opted in to the file. */
  NoSecureStorage: 'NO_SECURE_STORAGE',
  /** The secret exists somewhere this process cannot read (safe-storage from the CLI, a keychain gone). */
  SecretUnreadable: 'SECRET_UNREADABLE',
  /** The keychain answered the probe but refused a write or delete. */
  KeychainFailed: 'KEYCHAIN_FAILED',
  /** The file opt-in is refused while a keychain works. */
  KeychainAvailable: 'KEYCHAIN_AVAILABLE',
  /** The file opt-in needs the user to acknowledge that the file is not encrypted. */
  InsecureNotAcknowledged: 'INSECURE_NOT_ACKNOWLEDGED',
} as const;

/**
 * What a machine without a keychain lacks and the two ways out, in one sentence: the UI's banner
 * and form, the refused save and the CLI's `profiles add` all say exactly this.
 */
export const NO_KEYCHAIN_SENTENCE =
  "No keychain is running here, so Skylift can't store secrets: start a keyring (gnome-keyring or KWallet) and restart Skylift, or opt in to keeping them in a file that is not encrypted.";

const MASK = '[redacted]';

/**
 * The first line of what a keychain or cipher said, as a sentence, with the values being stored
 * masked: native bindings rarely echo a secret, but an error message is shown and logged.
 */
export function describeFailure(error: unknown, secrets: SecretFields | string[] = []): string {
  const raw = error instanceof Error ? error.message : String(error);
  let line = raw.split('\n', 1)[0].trim() || 'no reason given';
  const values = Array.isArray(secrets) ? secrets : [...Object.values(secrets), JSON.stringify(secrets)];
  for (const value of values.filter((v) => v.length > 0).sort((a, b) => b.length - a.length)) line = line.split(value).join(MASK);
  return /[.!?]$/.test(line) ? line : `${line}.`;
}

export function secretUnreadable(message: string, hint: string): SkyliftError {
  return new SkyliftError({ code: SecretErrorCode.SecretUnreadable, message, hint });
}
