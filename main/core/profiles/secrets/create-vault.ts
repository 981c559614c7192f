import { SkyliftError, type SecretStorage } from '../../../../shared/contract';
import { createFileBackend, plaintextSecretsPath, readFileOptIn, writeFileOptIn } from './file-backend';
import { createKeychainBackend, probeKeychain } from './keychain-backend';
import { createSafeStorageBackend, safeStorageStatus } from './safe-storage-backend';
import { NO_KEYCHAIN_SENTENCE, SecretErrorCode } from './secret-errors';
import type { SafeStorageCipher, SecretBackend, SecretBackendName, SecretVault } from './secret-vault';
import { systemKeychain, type KeychainStore } from './system-keychain';

export interface SecretVaultOptions {
  /** Skylift's data folder; the vault's files live in its `secrets/` folder. */
  dataDir: string;
  /** Electron's safeStorage, handed in by the app; the CLI and browser mode have none. */
  safeStorage?: SafeStorageCipher;
  /** The OS keychain; tests pass their own. Default: the system keychain, reached with `env`. */
  keychain?: KeychainStore;
  /** The environment the system keychain is reached with (DBUS_SESSION_BUS_ADDRESS). Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** How long the keychain may take to answer the probe; 5 s unless a test wants less. */
  keychainProbeTimeoutMs?: number;
}

/** Where new secrets go now, and the reason when it is not a keychain. */
type Choice = { optedIn: boolean } & (
  | { backend: 'safe-storage'; keyring: string }
  | { backend: 'keychain' }
  | { backend: 'file' | 'none'; whyNoKeychain: string }
);

/**
 * The vault: Electron's safeStorage when the app has a real keyring behind it, else the system
 * keychain when its probe passes, else the plaintext file if the user opted in, else nothing —
 * and put() refuses rather than write a secret anywhere unsafe.
 */
export function createSecretVault(options: SecretVaultOptions): SecretVault {
  const { dataDir, safeStorage } = options;
  const keychain = options.keychain ?? systemKeychain(options.env ?? process.env);
  const probe = () => probeKeychain(keychain, options.keychainProbeTimeoutMs);
  const backends: Record<SecretBackendName, SecretBackend> = {
    keychain: createKeychainBackend(keychain, probe),
    'safe-storage': createSafeStorageBackend(dataDir, safeStorage),
    file: createFileBackend(dataDir),
  };
  const filePath = plaintextSecretsPath(dataDir);

  async function choose(): Promise<Choice> {
    const optedIn = await readFileOptIn(dataDir);
    const safe = await safeStorageStatus(safeStorage);
    if (safe.usable) return { backend: 'safe-storage', keyring: safe.keyring, optedIn };
    const probed = await probe();
    if (probed.ok) return { backend: 'keychain', optedIn };
    const whyNoKeychain = [safe.reason, probed.reason].filter(Boolean).join(' ');
    return { backend: optedIn ? 'file' : 'none', whyNoKeychain, optedIn };
  }

  async function storage(): Promise<SecretStorage> {
    const choice = await choose();
    const keychainWorks = choice.backend === 'keychain' || choice.backend === 'safe-storage';
    return {
      backend: choice.backend,
      secure: keychainWorks,
      message: describeChoice(choice, keychain.label, filePath),
      ...('whyNoKeychain' in choice ? { detail: choice.whyNoKeychain } : {}),
      fileOptIn: { available: !keychainWorks, enabled: choice.optedIn, path: filePath },
    };
  }

  return {
    storage,
    async setFileOptIn(enabled, acknowledgeInsecure = false) {
      if (enabled) {
        const choice = await choose();
        if (choice.backend === 'keychain' || choice.backend === 'safe-storage') {
          throw new SkyliftError({ code: SecretErrorCode.KeychainAvailable, message: `${describeChoice(choice, keychain.label, filePath)} The plaintext file is only for systems without a keychain.`, hint: 'Nothing to do: new secrets already go to the keychain.' });
        }
        if (!acknowledgeInsecure) {
          throw new SkyliftError({ code: SecretErrorCode.InsecureNotAcknowledged, message: `${fileRisk(filePath)} Confirm that you accept this to turn the file on.`, hint: 'Or start a keyring (gnome-keyring or KWallet) and restart Skylift, which needs no opt-in.' });
        }
      }
      await writeFileOptIn(dataDir, enabled);
      return storage();
    },
    async put(profileId, secrets) {
      const choice = await choose();
      if (choice.backend === 'none') {
        throw new SkyliftError({
          code: SecretErrorCode.NoSecureStorage,
          message: NO_KEYCHAIN_SENTENCE,
          hint: `Headless, a keyring starts with gnome-keyring-daemon --unlock (a password on stdin) inside dbus-run-session; the opt-in file is ${filePath}.`,
          // The probe's own words stay out of the headline: a "details" disclosure and the logs show them.
          details: { reason: choice.whyNoKeychain },
        });
      }
      await backends[choice.backend].put(profileId, secrets);
      return choice.backend;
    },
    get: (profileId, backend) => backends[backend].get(profileId),
    delete: (profileId, backend) => backends[backend].delete(profileId),
  };
}

function describeChoice(choice: Choice, keychainLabel: string, filePath: string): string {
  switch (choice.backend) {
    case 'safe-storage':
      return `Secrets are encrypted with a key held by your system keychain (Electron safeStorage, ${choice.keyring}). Only the Skylift app can read them; the command line cannot.`;
    case 'keychain':
      return `Secrets are kept in your system keychain (${keychainLabel}).`;
    case 'file':
      return `No keychain is running here, so, as you chose, secrets are kept in a file instead. ${fileRisk(filePath)}`;
    case 'none':
      return NO_KEYCHAIN_SENTENCE;
  }
}

const fileRisk = (filePath: string): string =>
  `${filePath} is readable only by your user account, but it is not encrypted: any program running as you, and anyone with a copy of it (a backup, a synced folder), can read the secrets.`;
