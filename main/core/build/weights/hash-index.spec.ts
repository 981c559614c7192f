import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../../test/helpers/temp';
import { HashIndex, WEIGHTS_INDEX_FILE } from './hash-index';
import { hashFiles, weightFiles, weightsHash } from './weights-hash';

const SHA = 'a'.repeat(64);

describe('weights hash index', () => {
  const tempDir = useTempDir();

  /** A weights file last written a minute ago: past the racy window. */
  function settled(dir: string, rel: string, content: string): string {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
    const past = new Date(Date.now() - 60_000);
    fs.utimesSync(abs, past, past);
    return abs;
  }

  it('vouches for a file while its stat is unchanged, and survives a save and load', () => {
    const home = tempDir();
    const abs = settled(tempDir(), 'w.bin', 'weights');
    const index = HashIndex.load(home);
    expect(index.discarded).toBeNull();
    index.record(abs, fs.statSync(abs), SHA, Date.now());
    index.save();
    const again = HashIndex.load(home);
    expect(again.lookup(abs, fs.statSync(abs))).toBe(SHA);
    fs.appendFileSync(abs, '!');
    expect(again.lookup(abs, fs.statSync(abs))).toBeUndefined();
  });

  it('sets aside an index over its size bound unread, sizes in the one byte format', () => {
    const home = tempDir();
    fs.writeFileSync(path.join(home, WEIGHTS_INDEX_FILE), '');
    fs.truncateSync(path.join(home, WEIGHTS_INDEX_FILE), 33 * 1024 ** 2); // sparse: nothing written
    expect(HashIndex.load(home).discarded).toContain('it is 33.0 MiB, more than the 32.0 MiB an index can reach');
  });

  it('does not trust an entry hashed in the same instant the file was written (racily clean)', () => {
    const dir = tempDir();
    const abs = path.join(dir, 'w.bin');
    fs.writeFileSync(abs, 'weights');
    const stat = fs.statSync(abs);
    const index = HashIndex.load(tempDir());
    index.record(abs, stat, SHA, stat.mtimeMs + 1);
    expect(index.lookup(abs, stat)).toBeUndefined();
  });

  it.each([
    ['not JSON', '{"version": 1, "entr'],
    ['the wrong shape', JSON.stringify({ version: 1, entries: { '/x': { size: 'big' } } })],
    ['an unknown version', JSON.stringify({ version: 9, entries: {} })],
  ])('sets aside a corrupt index (%s) and starts empty, never throwing', (_why, text) => {
    const home = tempDir();
    fs.writeFileSync(path.join(home, WEIGHTS_INDEX_FILE), text);
    const index = HashIndex.load(home);
    expect(index.discarded).toMatch(/not/);
    expect(index.lookup('/x', { size: 1, mtimeMs: 1, ctimeMs: 1, ino: 1 })).toBeUndefined();
    index.record('/x', { size: 1, mtimeMs: 1, ctimeMs: 1, ino: 1 }, SHA, 10_000);
    index.save();
    expect(HashIndex.load(home).discarded).toBeNull();
  });

  it('writes atomically: no temp file is left beside the index', () => {
    const home = tempDir();
    const index = HashIndex.load(home);
    index.record('/x', { size: 1, mtimeMs: 1, ctimeMs: 1, ino: 1 }, SHA, 10_000);
    index.save();
    expect(fs.readdirSync(home)).toEqual([WEIGHTS_INDEX_FILE]);
  });

  it('re-hashes only the files whose stat changed', async () => {
    const home = tempDir();
    const dir = tempDir();
    const a = settled(dir, 'weights/a.bin', 'aaa');
    const b = settled(dir, 'weights/b.bin', 'bbb');
    const planned = [{ rel: 'weights/a.bin', abs: a }, { rel: 'weights/b.bin', abs: b }];
    const index = HashIndex.load(home);
    const first = weightFiles(planned, index);
    expect(first.every((f) => f.sha256 === undefined)).toBe(true);
    await hashFiles(first, index, new AbortController().signal);
    index.save();

    fs.writeFileSync(b, 'BBB'); // same size, new content and mtime
    const again = weightFiles(planned, HashIndex.load(home));
    expect(again[0].sha256).toBe(first[0].sha256);
    expect(again[1].sha256).toBeUndefined();
  });

  it('names a weights file deleted after planning as WEIGHTS_CHANGED, not an errno', () => {
    const dir = tempDir();
    const abs = settled(dir, 'weights/a.bin', 'aaa');
    fs.rmSync(abs);
    expect(() => weightFiles([{ rel: 'weights/a.bin', abs }], null)).toThrow(expect.objectContaining({ code: 'WEIGHTS_CHANGED', message: expect.stringContaining(`${abs} can't be read (it is gone)`) }));
  });

  it('fails the hash, naming the file, when a file is rewritten at the same size after it was listed', async () => {
    const dir = tempDir();
    const abs = settled(dir, 'weights/a.bin', 'aaa');
    const files = weightFiles([{ rel: 'weights/a.bin', abs }], null);
    fs.writeFileSync(abs, 'AAA');
    fs.utimesSync(abs, new Date('2020-05-05'), new Date('2020-05-05'));
    await expect(hashFiles(files, HashIndex.load(tempDir()), new AbortController().signal)).rejects.toMatchObject({ code: 'WEIGHTS_CHANGED', message: expect.stringContaining(`${abs} was rewritten`) });
  });

  it('changes the weights hash when a file is deleted, renamed or changed, and not when nothing is', () => {
    const files = [
      { name: 'app/weights/a.bin', mode: 0o644, size: 3, sha256: SHA },
      { name: 'app/weights/b.bin', mode: 0o644, size: 3, sha256: 'b'.repeat(64) },
    ];
    const base = weightsHash(files);
    expect(weightsHash([...files].reverse())).toBe(base);
    expect(weightsHash(files.slice(0, 1))).not.toBe(base);
    expect(weightsHash([files[0], { ...files[1], name: 'app/weights/c.bin' }])).not.toBe(base);
    expect(weightsHash([files[0], { ...files[1], sha256: 'c'.repeat(64) }])).not.toBe(base);
    expect(weightsHash([files[0], { ...files[1], mode: 0o755 }])).not.toBe(base);
  });
});
