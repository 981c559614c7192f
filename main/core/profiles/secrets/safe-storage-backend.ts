import { z } from 'zod';
import { SkyliftError } from '../../../../shared/contract';
import { describeFailure, SecretErrorCode, secretUnreadable } from './secret-errors';
import { parseSecretFields } from './secret-fields';
import { openSecretMapFile } from './secret-map-file';
import type { SafeStorageCipher, SecretBackend } from './secret-vault';

const CIPHERTEXT_FILE = 'safe-storage.json';

export type SafeStorageStatus = { usable: true; keyring: string } | { usable: false; reason?: string };

/** Whether the app's safeStorage really encrypts with a keychain-held key; no cipher (the CLI) has no reason to tell. */
export async function safeStorageStatus(cipher: SafeStorageCipher | undefined): Promise<SafeStorageStatus> {
  if (!cipher) return { usable: false };
  const keyring = cipher.backend();
  if (keyring === 'basic_text') {
    return { usable: false, reason: "Electron's safeStorage found no keyring and would encrypt with a key built into Electron ('basic_text'), which protects nothing, so Skylift does not use it." };
  }
  if (keyring === 'unknown') return { usable: false, reason: "Electron's safeStorage was asked before the app was ready." };
  try {
    if (!(await cipher.isAvailable())) return { usable: false, reason: "Electron's safeStorage says encryption is not available." };
  } catch (error) {
    return { usable: false, reason: `Electron's safeStorage failed: ${describeFailure(error)}` };
  }
  return { usable: true, keyring };
}

/**
 * Secrets encrypted by Electron's safeStorage (its key lives in the OS keychain), kept as base64
 * in `<dataDir>/secrets/safe-storage.json`. Only the app holds the cipher, so only the app reads them.
 */
export function createSafeStorageBackend(dataDir: string, cipher: SafeStorageCipher | undefined): SecretBackend {
  const file = openSecretMapFile(dataDir, CIPHERTEXT_FILE, z.base64());

  /** The cipher, if it really encrypts; the reason it does not, in words, otherwise. */
  async function usableCipher(): Promise<SafeStorageCipher | string> {
    const status = await safeStorageStatus(cipher);
    if (status.usable && cipher) return cipher;
    return (!status.usable && status.reason) || 'This process (the command line) has no safeStorage; only the Skylift app does.';
  }

  return {
    name: 'safe-storage',
    async put(profileId, secrets) {
      const usable = await usableCipher();
      if (typeof usable === 'string') throw new SkyliftError({ code: SecretErrorCode.NoSecureStorage, message: `Electron's safeStorage cannot keep this secret. ${usable}`, hint: 'Start a keyring (gnome-keyring or KWallet) and restart Skylift.' });
      let ciphertext: Buffer;
      try {
        ciphertext = await usable.encrypt(JSON.stringify(secrets));
      } catch (error) {
        throw new SkyliftError({ code: SecretErrorCode.KeychainFailed, message: `Electron's safeStorage could not encrypt the secret: ${describeFailure(error, secrets)}`, hint: 'Unlock your keyring and try again.' });
      }
      await file.update((profiles) => void (profiles[profileId] = ciphertext.toString('base64')));
    },
    async get(profileId) {
      const entry = (await file.read())[profileId];
      if (entry === undefined) return null;
      const usable = await usableCipher();
      if (typeof usable === 'string') {
        throw secretUnreadable(`This profile's secret was stored by the Skylift app, encrypted with a key only the app can use. ${usable}`, 'Use this profile from the Skylift app, or edit the profile here and enter its secret again to store it where this process can read it.');
      }
      let text: string;
      try {
        text = await usable.decrypt(Buffer.from(entry, 'base64'));
      } catch (error) {
        throw secretUnreadable(`Electron's safeStorage could not decrypt this profile's secret: ${describeFailure(error)}`, 'If the keyring was reset or the data folder came from another machine or user, enter the secret again.');
      }
      return parseSecretFields(text, "the app's safeStorage file");
    },
    // Removing an entry needs no key, so the CLI can delete a profile the app created.
    delete: (profileId) => file.update((profiles) => void delete profiles[profileId]),
  };
}
