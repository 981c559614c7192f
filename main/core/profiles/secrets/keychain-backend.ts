import { randomUUID } from 'node:crypto';
import { SkyliftError } from '../../../../shared/contract';
import { describeFailure, SecretErrorCode, secretUnreadable } from './secret-errors';
import { parseSecretFields } from './secret-fields';
import type { SecretBackend } from './secret-vault';
import { KEYCHAIN_SERVICE, type KeychainStore } from './system-keychain';

export type KeychainProbe = { ok: true } | { ok: false; reason: string };

/** Short: the answer decides what the UI shows, and a hung D-Bus must not hold it up. */
export const PROBE_TIMEOUT_MS = 5_000;

export const keychainAccount = (profileId: string): string => `profile:${profileId}`;

/**
 * A profile's secret fields as one JSON entry in the OS keychain (service 'skylift', account
 * 'profile:<id>'). Nothing is called while the keychain's probe says it is unreachable: each try
 * would only wait out a timeout.
 */
export function createKeychainBackend(store: KeychainStore, probe: () => Promise<KeychainProbe>): SecretBackend {
  async function unreachableReason(): Promise<string | undefined> {
    const answer = await probe();
    return answer.ok ? undefined : answer.reason;
  }
  const refused = (what: string, detail: string) =>
    new SkyliftError({ code: SecretErrorCode.KeychainFailed, message: `The ${store.label} could not ${what}: ${detail}`, hint: 'Unlock your keyring (it may be waiting for its password) and try again.' });

  return {
    name: 'keychain',
    async put(profileId, secrets) {
      const reason = await unreachableReason();
      if (reason) throw refused('store the secret', reason);
      await store.set(keychainAccount(profileId), JSON.stringify(secrets)).catch((error: unknown) => {
        throw refused('store the secret', describeFailure(error, secrets));
      });
    },
    async get(profileId) {
      const reason = await unreachableReason();
      if (reason) throw secretUnreadable(`This profile's secret is in the ${store.label}, which this process cannot reach. ${reason}`, 'Start or unlock your keyring and restart Skylift, or edit the profile and enter its secret again.');
      const text = await store.get(keychainAccount(profileId)).catch((error: unknown) => {
        throw secretUnreadable(`The ${store.label} could not read this profile's secret: ${describeFailure(error)}`, 'Unlock your keyring and try again, or edit the profile and enter its secret again.');
      });
      return text === null ? null : parseSecretFields(text, `the ${store.label}`);
    },
    async delete(profileId) {
      const entry = `entry "${KEYCHAIN_SERVICE} / ${keychainAccount(profileId)}"`;
      const reason = await unreachableReason();
      if (reason) throw refused(`remove the secret (${entry})`, reason);
      await store.delete(keychainAccount(profileId)).catch((error: unknown) => {
        throw refused(`remove the secret (${entry})`, describeFailure(error));
      });
    },
  };
}

const probes = new WeakMap<KeychainStore, Promise<KeychainProbe>>();

/**
 * Writes, reads back and deletes a throwaway entry, once per store for the life of the process.
 * Gives up after `timeoutMs` even if the store ignores its abort signal.
 */
export function probeKeychain(store: KeychainStore, timeoutMs = PROBE_TIMEOUT_MS): Promise<KeychainProbe> {
  let probe = probes.get(store);
  if (!probe) {
    probe = roundTrip(store, timeoutMs);
    probes.set(store, probe);
  }
  return probe;
}

async function roundTrip(store: KeychainStore, timeoutMs: number): Promise<KeychainProbe> {
  const signal = AbortSignal.timeout(timeoutMs);
  // Unique per call: two Skylift processes probing at once must not read each other's value.
  const account = `probe:${process.pid}:${randomUUID()}`;
  const value = randomUUID();
  try {
    await beforeAbort(store.set(account, value, signal), signal);
    const readBack = await beforeAbort(store.get(account, signal), signal);
    await beforeAbort(store.delete(account, signal), signal);
    return readBack === value ? { ok: true } : { ok: false, reason: noKeychain(store, 'it returned something other than what was just stored.') };
  } catch (error) {
    return { ok: false, reason: noKeychain(store, signal.aborted ? `it did not answer within ${timeoutMs / 1000} s.` : describeFailure(error, [value])) };
  }
}

function beforeAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Why there is no keychain, in words that point at the fix. */
function noKeychain(store: KeychainStore, detail: string): string {
  if (process.platform !== 'linux') return `The ${store.label} did not answer: ${detail}`;
  const notes = [`No Secret Service (D-Bus) answered: ${detail}`];
  if (!store.env.DBUS_SESSION_BUS_ADDRESS) notes.push('DBUS_SESSION_BUS_ADDRESS is not set, so this session may have no D-Bus session bus (usual over SSH, in containers and in CI).');
  if (/no result found/i.test(detail)) notes.push('The keyring has no default collection: create a "login" keyring (e.g. in Seahorse), or unlock gnome-keyring with a non-empty password.');
  return notes.join(' ');
}
