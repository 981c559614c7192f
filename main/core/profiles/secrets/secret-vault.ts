import type { SecretStorage } from '../../../../shared/contract';

/** Where a profile's secret was written; recorded (never the secret) on the profile's row. */
export type SecretBackendName = 'keychain' | 'safe-storage' | 'file';

/** A profile's secret fields, e.g. { secretAccessKey, sessionToken } or { clientSecret }. */
export type SecretFields = Record<string, string>;

/**
 * Keeps profile secrets outside SQLite: the OS keychain (system keyring via a native binding, or
 * Electron safeStorage in the app), or, only after an explicit opt-in where no keychain exists,
 * a file only the user can read.
 */
export interface SecretVault {
  /** The backend new secrets go to, and what the user should be told about it. */
  storage(): Promise<SecretStorage>;
  /** Opt in to the plaintext file (refused while a keychain works, or without acknowledgeInsecure). */
  setFileOptIn(enabled: boolean, acknowledgeInsecure?: boolean): Promise<SecretStorage>;
  /** Stores (or replaces) a profile's secrets in the current backend; throws NO_SECURE_STORAGE when there is none. */
  put(profileId: string, secrets: SecretFields): Promise<SecretBackendName>;
  /**
   * Reads them back from the backend that stored them, which may not be the current one; null
   * when the entry is gone. Throws SECRET_UNREADABLE when this process cannot read that backend
   * (the app's safe-storage from the CLI, a keychain that does not answer).
   */
  get(profileId: string, backend: SecretBackendName): Promise<SecretFields | null>;
  /** Removes them from the backend that stored them; already gone is fine. Needs no key for safe-storage. */
  delete(profileId: string, backend: SecretBackendName): Promise<void>;
}

/** Electron's safeStorage, handed to core by the app (core never imports electron). */
export interface SafeStorageCipher {
  /** safeStorage.getSelectedStorageBackend() on Linux ('basic_text' means no real keychain); 'os' elsewhere. */
  backend(): string;
  isAvailable(): Promise<boolean>;
  encrypt(plain: string): Promise<Buffer>;
  decrypt(cipher: Buffer): Promise<string>;
}

/** One place secrets can live; the vault picks which one new secrets go to. */
export interface SecretBackend {
  readonly name: SecretBackendName;
  put(profileId: string, secrets: SecretFields): Promise<void>;
  /** null when there is no entry for the profile. */
  get(profileId: string): Promise<SecretFields | null>;
  /** Removing an entry that is already gone is not an error. */
  delete(profileId: string): Promise<void>;
}
