import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../../test/helpers/temp';
import { createSafeStorageBackend, safeStorageStatus } from './safe-storage-backend';
import { fakeCipher } from './test-doubles';

const secrets = { secretAccessKey: 'wJalrXUtnFEMI-plain-secret', sessionToken: 'FwoGZX-token' };

describe('the safeStorage backend', () => {
  const tempDir = useTempDir('skylift-secrets-safe-');

  it('writes only ciphertext, base64, to a private file, and reads it back', async () => {
    const dataDir = tempDir();
    const backend = createSafeStorageBackend(dataDir, fakeCipher());

    await backend.put('p1', secrets);

    const file = path.join(dataDir, 'secrets', 'safe-storage.json');
    const onDisk = fs.readFileSync(file, 'utf8');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(onDisk).not.toContain('plain-secret');
    expect(Buffer.from(JSON.parse(onDisk).profiles.p1, 'base64').toString()).toMatch(/^enc:/);
    expect(await backend.get('p1')).toEqual(secrets);
    expect(await backend.get('p2')).toBeNull();
  });

  it("refuses Linux's basic_text backend, whose key is built into Electron", async () => {
    const status = await safeStorageStatus(fakeCipher('basic_text'));
    expect(status).toMatchObject({ usable: false, reason: expect.stringMatching(/basic_text/) });

    const backend = createSafeStorageBackend(tempDir(), fakeCipher('basic_text'));
    await expect(backend.put('p1', secrets)).rejects.toMatchObject({ code: 'NO_SECURE_STORAGE' });
  });

  it('treats a cipher that is not available, or not ready, as unusable', async () => {
    expect(await safeStorageStatus({ ...fakeCipher(), isAvailable: async () => false })).toMatchObject({ usable: false });
    expect(await safeStorageStatus(fakeCipher('unknown'))).toMatchObject({ usable: false });
    expect(await safeStorageStatus(undefined)).toEqual({ usable: false });
    expect(await safeStorageStatus(fakeCipher('os'))).toEqual({ usable: true, keyring: 'os' });
  });

  it('without a cipher (the CLI), says the secret is unreadable and how to go on, but can still delete it', async () => {
    const dataDir = tempDir();
    await createSafeStorageBackend(dataDir, fakeCipher()).put('p1', secrets);
    const fromCli = createSafeStorageBackend(dataDir, undefined);

    const error = await fromCli.get('p1').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SECRET_UNREADABLE', hint: expect.stringMatching(/Skylift app.*enter its secret again/) });

    await fromCli.delete('p1');
    expect(await createSafeStorageBackend(dataDir, fakeCipher()).get('p1')).toBeNull();
  });

  it('reports ciphertext this key cannot decrypt as unreadable, with a hint to re-enter it', async () => {
    const dataDir = tempDir();
    await createSafeStorageBackend(dataDir, fakeCipher()).put('p1', secrets);
    const otherKey = { ...fakeCipher(), decrypt: async (cipher: Buffer) => { throw new Error(`bad key for ${cipher.toString()}`); } };

    const error = await createSafeStorageBackend(dataDir, otherKey).get('p1').catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'SECRET_UNREADABLE', hint: expect.stringMatching(/enter the secret again/) });
  });
});
