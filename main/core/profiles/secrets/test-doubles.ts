import type { SafeStorageCipher } from './secret-vault';
import type { KeychainStore } from './system-keychain';

/**
 * Stand-ins for the unit tests: an in-memory keychain, one that refuses, one that never answers,
 * and a reversible "cipher". The real keychain is tested in test/integration/keychain.int.spec.ts.
 */
export function memoryKeychain(): KeychainStore & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    label: 'test keychain',
    env: {},
    entries,
    set: async (account, value) => void entries.set(account, value),
    get: async (account) => entries.get(account) ?? null,
    delete: async (account) => void entries.delete(account),
  };
}

export function refusingKeychain(message: string): KeychainStore {
  const refuse = async (): Promise<never> => {
    throw new Error(message);
  };
  return { label: 'test keychain', env: {}, set: refuse, get: refuse, delete: refuse };
}

/** Ignores its abort signal on purpose: the probe must give up on its own. */
export function silentKeychain(): KeychainStore {
  const never = () => new Promise<never>(() => undefined);
  return { label: 'test keychain', env: {}, set: never, get: never, delete: never };
}

/** Reverses and tags the text: enough to tell ciphertext from plaintext on disk. */
export function fakeCipher(backend = 'gnome_libsecret'): SafeStorageCipher {
  return {
    backend: () => backend,
    isAvailable: async () => true,
    encrypt: async (plain) => Buffer.from(`enc:${[...plain].reverse().join('')}`),
    decrypt: async (cipher) => {
      const text = cipher.toString();
      if (!text.startsWith('enc:')) throw new Error('not ours');
      return [...text.slice(4)].reverse().join('');
    },
  };
}
