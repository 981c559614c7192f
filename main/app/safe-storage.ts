import type { SafeStorage } from 'electron';
import type { SafeStorageCipher } from '../core/profiles/secrets/secret-vault';

/** The async API Electron recommends; newer than Electron 38, whose types lack it. */
interface AsyncSafeStorage {
  isAsyncEncryptionAvailable?(): Promise<boolean>;
  encryptStringAsync?(plainText: string): Promise<Buffer>;
  decryptStringAsync?(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
}

/**
 * Electron's safeStorage as the vault's cipher. Uses the async API where this Electron has it
 * (non-blocking, survives key rotation) and the sync one otherwise. Call after app 'ready': before
 * it the Linux backend reads 'unknown' and the vault will not use it.
 */
export function safeStorageCipher(safeStorage: SafeStorage, platform: NodeJS.Platform = process.platform): SafeStorageCipher {
  const modern = safeStorage as SafeStorage & AsyncSafeStorage;
  return {
    backend: () => (platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os'),
    isAvailable: async () => (modern.isAsyncEncryptionAvailable ? modern.isAsyncEncryptionAvailable() : safeStorage.isEncryptionAvailable()),
    encrypt: async (plain) => (modern.encryptStringAsync ? modern.encryptStringAsync(plain) : safeStorage.encryptString(plain)),
    decrypt: async (cipher) => (modern.decryptStringAsync ? (await modern.decryptStringAsync(cipher)).result : safeStorage.decryptString(cipher)),
  };
}
