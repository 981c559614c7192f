import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Entry } from '@napi-rs/keyring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretVault } from '../../main/core/profiles/secrets/create-vault';
import { startSecretService, type PrivateSecretService } from '../helpers/secret-service';
import { useTempDir } from '../helpers/temp';

/** Every file under `dir`, name and content together, to search for a secret. */
function everythingUnder(dir: string): string {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .map((file) => `${file}\n${fs.readFileSync(file, 'latin1')}`)
    .join('\n');
}

describe('the vault against a real Secret Service (gnome-keyring)', () => {
  const tempDir = useTempDir('skylift-keychain-');
  // Started once for the file; a test awaits it, so a missing gnome-keyring fails each test that
  // needs it with the install hint (a throwing beforeAll would only mark them skipped).
  let started: Promise<PrivateSecretService>;
  let service: PrivateSecretService;
  const env = (): NodeJS.ProcessEnv => ({ ...process.env, DBUS_SESSION_BUS_ADDRESS: service.address });

  beforeAll(() => {
    started = startSecretService();
    started.catch(() => undefined);
  });
  afterAll(async () => {
    await (await started.catch(() => undefined))?.stop();
  });

  /** Reads the entry straight from the Secret Service, not through the vault. */
  function keyringEntry(profileId: string): string | null {
    const before = process.env.DBUS_SESSION_BUS_ADDRESS;
    process.env.DBUS_SESSION_BUS_ADDRESS = service.address;
    try {
      return new Entry('skylift', `profile:${profileId}`, { linux: { store: 'secret-service' } }).getPassword() ?? null;
    } finally {
      if (before === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
      else process.env.DBUS_SESSION_BUS_ADDRESS = before;
    }
  }

  it('keeps a profile secret in the keychain, replaces and deletes it, and never writes it under the data folder', async () => {
    service = await started;
    const dataDir = tempDir();
    const vault = createSecretVault({ dataDir, env: env() });
    const first = { secretAccessKey: 'wJalrXUtnFEMI-first-secret-9f3a', sessionToken: 'FwoGZX-session-token-77c1' };
    const second = { secretAccessKey: 'wJalrXUtnFEMI-second-secret-04be' };

    expect(await vault.storage()).toMatchObject({ backend: 'keychain', secure: true, fileOptIn: { available: false, enabled: false } });
    expect(await vault.put('p1', first)).toBe('keychain');
    expect(await vault.get('p1', 'keychain')).toEqual(first);
    expect(JSON.parse(keyringEntry('p1') ?? 'null')).toEqual(first);

    expect(await vault.put('p1', second)).toBe('keychain');
    expect(await vault.get('p1', 'keychain')).toEqual(second);
    expect(JSON.parse(keyringEntry('p1') ?? 'null')).toEqual(second);

    const onDisk = everythingUnder(dataDir);
    for (const value of [...Object.values(first), ...Object.values(second)]) expect(onDisk).not.toContain(value);

    await vault.delete('p1', 'keychain');
    expect(await vault.get('p1', 'keychain')).toBeNull();
    expect(keyringEntry('p1')).toBeNull();
    await expect(vault.delete('p1', 'keychain')).resolves.toBeUndefined();
  });

  it('refuses the plaintext-file opt-in while the keychain works', async () => {
    service = await started;
    const vault = createSecretVault({ dataDir: tempDir(), env: env() });
    await expect(vault.setFileOptIn(true, true)).rejects.toMatchObject({ code: 'KEYCHAIN_AVAILABLE' });
    expect((await vault.storage()).fileOptIn.enabled).toBe(false);
  });

  it('says why when no Secret Service answers, and stores nothing', async () => {
    const dataDir = tempDir();
    const vault = createSecretVault({ dataDir, env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${dataDir}/nobody-listens` } });

    const storage = await vault.storage();
    expect(storage).toMatchObject({ backend: 'none', secure: false, fileOptIn: { available: true, enabled: false } });
    // The probe's words are the detail behind the one-sentence message, not the message itself.
    expect(storage.detail).toMatch(/No Secret Service \(D-Bus\) answered: .*nobody-listens/);

    const refusal = await vault.put('p1', { clientSecret: 'never-stored-secret-5d2e' }).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'NO_SECURE_STORAGE', hint: expect.stringMatching(/gnome-keyring/), details: { reason: expect.stringMatching(/nobody-listens/) } });
    expect(JSON.stringify(refusal)).not.toContain('never-stored-secret-5d2e');
  });

  it('gives up on a D-Bus that accepts connections but never answers', async () => {
    const dataDir = tempDir();
    const socket = path.join(dataDir, 'hung-bus');
    const hungBus = net.createServer(() => undefined);
    await new Promise<void>((resolve) => hungBus.listen(socket, resolve));
    try {
      const vault = createSecretVault({ dataDir, env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${socket}` }, keychainProbeTimeoutMs: 1_500 });
      const started = Date.now();
      const storage = await vault.storage();
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(storage).toMatchObject({ backend: 'none', detail: expect.stringMatching(/did not answer within 1.5 s/) });
    } finally {
      hungBus.close();
    }
  });
});
