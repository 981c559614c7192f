import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../../test/helpers/temp';
import { createSecretVault } from './create-vault';
import { NO_KEYCHAIN_SENTENCE } from './secret-errors';
import { fakeCipher, memoryKeychain, refusingKeychain, silentKeychain } from './test-doubles';

const secret = { clientSecret: 'Q~super-secret-value-1234' };
const noKeychain = () => refusingKeychain('Platform failure: DBus error: Failed to connect to socket /run/user/1000/bus');

describe('the secret vault', () => {
  const tempDir = useTempDir('skylift-vault-');

  describe('chooses where new secrets go', () => {
    it("prefers the app's safeStorage when a real keyring backs it", async () => {
      const vault = createSecretVault({ dataDir: tempDir(), safeStorage: fakeCipher('gnome_libsecret'), keychain: memoryKeychain() });

      expect(await vault.storage()).toMatchObject({ backend: 'safe-storage', secure: true, fileOptIn: { available: false } });
      expect(await vault.put('p1', secret)).toBe('safe-storage');
      expect(await vault.get('p1', 'safe-storage')).toEqual(secret);
    });

    it("passes over safeStorage's basic_text backend to the system keychain", async () => {
      const keychain = memoryKeychain();
      const vault = createSecretVault({ dataDir: tempDir(), safeStorage: fakeCipher('basic_text'), keychain });

      expect(await vault.storage()).toMatchObject({ backend: 'keychain', secure: true });
      expect(await vault.put('p1', secret)).toBe('keychain');
      expect(JSON.parse(keychain.entries.get('profile:p1') ?? '')).toEqual(secret);
      expect(await vault.get('p1', 'keychain')).toEqual(secret);
    });

    it("has none without a keychain or an opt-in: one plain sentence, the probe's words apart as the detail", async () => {
      const vault = createSecretVault({ dataDir: tempDir(), safeStorage: fakeCipher('basic_text'), keychain: noKeychain() });

      const storage = await vault.storage();

      expect(storage).toMatchObject({ backend: 'none', secure: false, fileOptIn: { available: true, enabled: false } });
      expect(storage.message).toBe(NO_KEYCHAIN_SENTENCE);
      expect(storage.detail).toMatch(/basic_text/);
      expect(storage.detail).toMatch(/No Secret Service \(D-Bus\) answered: Platform failure: DBus error: Failed to connect/);
    });

    it('gives up on a keychain that never answers within the probe timeout', async () => {
      const vault = createSecretVault({ dataDir: tempDir(), keychain: silentKeychain(), keychainProbeTimeoutMs: 200 });

      const storage = await vault.storage();

      expect(storage).toMatchObject({ backend: 'none', detail: expect.stringMatching(/did not answer within 0.2 s/) });
    });

    it('probes a keychain once per process, not before every call', async () => {
      const keychain = memoryKeychain();
      const vault = createSecretVault({ dataDir: tempDir(), keychain });
      expect((await vault.storage()).backend).toBe('keychain');

      keychain.set = async () => {
        throw new Error('would fail a second probe');
      };

      expect((await createSecretVault({ dataDir: tempDir(), keychain }).storage()).backend).toBe('keychain');
    });
  });

  describe('refuses to store a secret unsafely', () => {
    it('throws NO_SECURE_STORAGE with the one sentence, the reason as a detail, and writes nothing', async () => {
      const dataDir = tempDir();
      const vault = createSecretVault({ dataDir, keychain: noKeychain() });

      const error = await vault.put('p1', secret).catch((e: unknown) => e);

      expect(error).toMatchObject({
        code: 'NO_SECURE_STORAGE',
        message: NO_KEYCHAIN_SENTENCE,
        hint: expect.stringMatching(/gnome-keyring-daemon --unlock/),
        details: { reason: expect.stringMatching(/No Secret Service \(D-Bus\) answered/) },
      });
      expect(JSON.stringify(error)).not.toContain(secret.clientSecret);
      expect(fs.existsSync(path.join(dataDir, 'secrets', 'secrets.json'))).toBe(false);
    });

    it('never puts a secret in an error, even when the keychain echoes it', async () => {
      const keychain = memoryKeychain();
      const vault = createSecretVault({ dataDir: tempDir(), keychain });
      await vault.storage(); // probe while it works
      keychain.set = async (_account, value) => {
        throw new Error(`rejected ${value}`);
      };

      const error = await vault.put('p1', secret).catch((e: unknown) => e);

      expect(error).toMatchObject({ code: 'KEYCHAIN_FAILED', message: expect.stringContaining('[redacted]') });
      expect(JSON.stringify(error)).not.toContain(secret.clientSecret);
    });

    it('reports a damaged keychain entry without quoting it', async () => {
      const keychain = memoryKeychain();
      keychain.entries.set('profile:p1', `{"clientSecret":"${secret.clientSecret}`);
      const vault = createSecretVault({ dataDir: tempDir(), keychain });

      const error = await vault.get('p1', 'keychain').catch((e: unknown) => e);

      expect(error).toMatchObject({ code: 'SECRET_UNREADABLE' });
      expect(JSON.stringify(error)).not.toContain(secret.clientSecret);
    });
  });

  describe('the plaintext-file opt-in', () => {
    it('is refused while a keychain works', async () => {
      const vault = createSecretVault({ dataDir: tempDir(), keychain: memoryKeychain() });

      await expect(vault.setFileOptIn(true, true)).rejects.toMatchObject({ code: 'KEYCHAIN_AVAILABLE' });
    });

    it('is refused until the user acknowledges the file is not encrypted', async () => {
      const vault = createSecretVault({ dataDir: tempDir(), keychain: noKeychain() });

      await expect(vault.setFileOptIn(true)).rejects.toMatchObject({ code: 'INSECURE_NOT_ACKNOWLEDGED', message: expect.stringMatching(/not encrypted/) });
      expect((await vault.storage()).backend).toBe('none');
    });

    it('once acknowledged, sends secrets to the file, says it is not secure, and is remembered', async () => {
      const dataDir = tempDir();
      const vault = createSecretVault({ dataDir, keychain: noKeychain() });

      const storage = await vault.setFileOptIn(true, true);
      expect(storage).toMatchObject({ backend: 'file', secure: false, fileOptIn: { available: true, enabled: true, path: path.join(dataDir, 'secrets', 'secrets.json') } });
      expect(storage.message).toMatch(/not encrypted/);
      expect(await vault.put('p1', secret)).toBe('file');

      const later = createSecretVault({ dataDir, keychain: noKeychain() });
      expect((await later.storage()).backend).toBe('file');
      expect(await later.get('p1', 'file')).toEqual(secret);
    });

    it('once turned off, stores nothing new but still reads what the file holds', async () => {
      const vault = createSecretVault({ dataDir: tempDir(), keychain: noKeychain() });
      await vault.setFileOptIn(true, true);
      await vault.put('p1', secret);

      expect((await vault.setFileOptIn(false)).backend).toBe('none');
      await expect(vault.put('p2', secret)).rejects.toMatchObject({ code: 'NO_SECURE_STORAGE' });
      expect(await vault.get('p1', 'file')).toEqual(secret);
    });
  });

  describe('reads and deletes where the secret was stored', () => {
    it("tells the CLI it cannot read the app's safeStorage secret, and lets it delete it", async () => {
      const dataDir = tempDir();
      const app = createSecretVault({ dataDir, safeStorage: fakeCipher(), keychain: memoryKeychain() });
      const cli = createSecretVault({ dataDir, keychain: memoryKeychain() });
      await app.put('p1', secret);

      await expect(cli.get('p1', 'safe-storage')).rejects.toMatchObject({ code: 'SECRET_UNREADABLE', hint: expect.stringMatching(/Skylift app/) });
      await cli.delete('p1', 'safe-storage');
      expect(await app.get('p1', 'safe-storage')).toBeNull();
    });

    it('reads a keychain secret from the app even though the app now stores in safeStorage', async () => {
      const keychain = memoryKeychain();
      const dataDir = tempDir();
      await createSecretVault({ dataDir, keychain }).put('p1', secret);

      const app = createSecretVault({ dataDir, safeStorage: fakeCipher(), keychain });
      expect(await app.get('p1', 'keychain')).toEqual(secret);
      await app.delete('p1', 'keychain');
      expect(keychain.entries.has('profile:p1')).toBe(false);
    });

    it('says a keychain secret is unreachable when the keychain is gone', async () => {
      const vault = createSecretVault({ dataDir: tempDir(), keychain: noKeychain() });

      await expect(vault.get('p1', 'keychain')).rejects.toMatchObject({ code: 'SECRET_UNREADABLE', message: expect.stringMatching(/cannot reach/) });
      await expect(vault.delete('p1', 'keychain')).rejects.toMatchObject({ code: 'KEYCHAIN_FAILED', message: expect.stringMatching(/skylift \/ profile:p1/) });
    });
  });
});
