import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../../test/helpers/temp';
import { createFileBackend, plaintextSecretsPath, readFileOptIn, writeFileOptIn } from './file-backend';

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe('the plaintext file backend', () => {
  const tempDir = useTempDir('skylift-secrets-file-');

  it('keeps secrets in a file only the user can read, in a folder only the user can open', async () => {
    const dataDir = tempDir();
    const backend = createFileBackend(dataDir);

    await backend.put('p1', { clientSecret: 'first' });
    await backend.put('p1', { clientSecret: 'second' });

    const file = plaintextSecretsPath(dataDir);
    expect(modeOf(file)).toBe(0o600);
    expect(modeOf(path.dirname(file))).toBe(0o700);
    expect(await backend.get('p1')).toEqual({ clientSecret: 'second' });
    expect(await backend.get('other')).toBeNull();
  });

  it('tightens a secrets folder that was left open to others', async () => {
    const dataDir = tempDir();
    fs.mkdirSync(path.join(dataDir, 'secrets'), { mode: 0o755 });
    fs.chmodSync(path.join(dataDir, 'secrets'), 0o755);

    await createFileBackend(dataDir).put('p1', { clientSecret: 's' });

    expect(modeOf(path.join(dataDir, 'secrets'))).toBe(0o700);
  });

  it('keeps every one of several writes made at once, and leaves no temp files behind', async () => {
    const dataDir = tempDir();
    const backend = createFileBackend(dataDir);

    await Promise.all(['a', 'b', 'c', 'd'].map((id) => backend.put(id, { secret: `value-${id}` })));
    await backend.delete('b');
    await backend.delete('never-there');

    expect(await backend.get('a')).toEqual({ secret: 'value-a' });
    expect(await backend.get('b')).toBeNull();
    expect(await backend.get('d')).toEqual({ secret: 'value-d' });
    expect(fs.readdirSync(path.join(dataDir, 'secrets'))).toEqual(['secrets.json']);
  });

  it('reports a damaged file without quoting what is in it', async () => {
    const dataDir = tempDir();
    fs.mkdirSync(path.join(dataDir, 'secrets'));
    fs.writeFileSync(plaintextSecretsPath(dataDir), '{"version":1,"profiles":{"p1":{"clientSecret":"hunter2-leaked');

    const error = await createFileBackend(dataDir).get('p1').catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'SECRET_UNREADABLE' });
    expect(JSON.stringify(error)).not.toContain('hunter2');
  });

  it('remembers the opt-in in a private marker file until it is turned off', async () => {
    const dataDir = tempDir();
    expect(await readFileOptIn(dataDir)).toBe(false);

    await writeFileOptIn(dataDir, true);
    expect(await readFileOptIn(dataDir)).toBe(true);
    expect(modeOf(path.join(dataDir, 'secrets', 'plaintext-file-opt-in'))).toBe(0o600);

    await writeFileOptIn(dataDir, false);
    expect(await readFileOptIn(dataDir)).toBe(false);
  });
});
