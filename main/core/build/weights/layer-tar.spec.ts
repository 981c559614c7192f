import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { extract } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../../test/helpers/temp';
import { fileMode, layerChunks, layerEntries, layerLength, type LayerFile } from './layer-tar';
import { LAYER_MTIME_SECONDS } from './tar-header';

async function write(files: LayerFile[], signal = new AbortController().signal) {
  const entries = layerEntries(files);
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  const hashes = new Map<string, string>();
  for await (const chunk of layerChunks(entries, hash, { signal, onFile: (entry, sha) => hashes.set(entry.name, sha) })) chunks.push(chunk);
  return { entries, bytes: Buffer.concat(chunks), diffId: hash.digest('hex'), hashes };
}

async function read(bytes: Buffer) {
  const seen: Array<{ name: string; type: string; mode: number; uid: number; gid: number; uname: string; gname: string; mtime: number; body: Buffer }> = [];
  const reader = extract();
  const done = new Promise<void>((resolve, reject) => {
    reader.on('entry', (header, stream, next) => {
      const parts: Buffer[] = [];
      stream.on('data', (c) => parts.push(c as Buffer));
      stream.on('end', () => {
        seen.push({ name: header.name, type: header.type!, mode: header.mode!, uid: header.uid!, gid: header.gid!, uname: header.uname ?? '', gname: header.gname ?? '', mtime: header.mtime!.getTime() / 1000, body: Buffer.concat(parts) });
        next();
      });
    });
    reader.on('finish', resolve);
    reader.on('error', reject);
  });
  reader.end(bytes);
  await done;
  return seen;
}

describe('weights layer tar', () => {
  const tempDir = useTempDir();

  function file(dir: string, rel: string, content: string | Buffer, mode = 0o600): LayerFile {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
    fs.chmodSync(abs, mode);
    const stat = fs.statSync(abs);
    return { name: `app/${rel}`, abs, size: stat.size, mode: fileMode(stat.mode), stat };
  }

  it('writes exactly the length computed up front, with parents first, sorted bytewise, and normalised headers', async () => {
    const dir = tempDir();
    const long = `${'deep/'.repeat(30)}shard.bin`; // past ustar's 100-byte name: prefix split
    const files = [file(dir, 'weights/b.bin', 'bbb'), file(dir, 'weights/a-2.bin', 'a2', 0o700), file(dir, 'weights/a/x.bin', Buffer.alloc(1000, 7)), file(dir, `weights/${long}`, 'deep'), file(dir, 'weights/é.bin', 'utf8')];
    const { entries, bytes, hashes } = await write(files);
    expect(bytes.length).toBe(layerLength(entries));
    const seen = await read(bytes);
    const names = seen.map((e) => e.name);
    // Paths compare without a folder's trailing slash: "a" < "a-2.bin" < "a/x.bin" ('-' is 0x2d, '/' 0x2f).
    expect(names.slice(0, 5)).toEqual(['app/', 'app/weights/', 'app/weights/a/', 'app/weights/a-2.bin', 'app/weights/a/x.bin']);
    expect(names).toContain(`app/weights/${long}`);
    expect([...names].sort((a, b) => Buffer.compare(Buffer.from(a.replace(/\/$/, '')), Buffer.from(b.replace(/\/$/, ''))))).toEqual(names);
    for (const entry of seen) {
      expect(entry).toMatchObject({ uid: 0, gid: 0, uname: '', gname: '', mtime: LAYER_MTIME_SECONDS });
      expect(entry.mode).toBe(entry.type === 'directory' ? 0o755 : entry.name.endsWith('a-2.bin') ? 0o755 : 0o644);
    }
    expect(seen.find((e) => e.name === 'app/weights/a/x.bin')!.body).toEqual(Buffer.alloc(1000, 7));
    expect(hashes.get('app/weights/b.bin')).toBe(createHash('sha256').update('bbb').digest('hex'));
  });

  it('gives the same bytes for the same content whatever the files\' owners, times and permission bits', async () => {
    const one = await write([file(tempDir(), 'weights/m.bin', 'same', 0o600)]);
    const otherDir = tempDir();
    const other = file(otherDir, 'weights/m.bin', 'same', 0o664);
    fs.utimesSync(other.abs, new Date('2020-05-05'), new Date('2020-05-05'));
    if (process.getuid?.() === 0) fs.chownSync(other.abs, 1234, 5678); // another owner (only root may give a file away)
    other.stat = fs.statSync(other.abs);
    expect((await write([other])).diffId).toBe(one.diffId);
    expect((await write([file(tempDir(), 'weights/m.bin', 'diff', 0o600)])).diffId).not.toBe(one.diffId);
  });

  it('uses a PAX path for a name ustar cannot split, and still writes the computed length', async () => {
    const dir = tempDir();
    const files = [file(dir, `weights/${'n'.repeat(120)}.bin`, 'x')];
    const { entries, bytes } = await write(files);
    expect(bytes.length).toBe(layerLength(entries));
    expect((await read(bytes)).map((e) => e.name)).toContain(`app/weights/${'n'.repeat(120)}.bin`);
  });

  it('fails, naming the file, when a file shrank after it was listed', async () => {
    const dir = tempDir();
    const listed = file(dir, 'weights/m.bin', 'twelve bytes');
    fs.writeFileSync(listed.abs, 'short');
    await expect(write([listed])).rejects.toMatchObject({ code: 'WEIGHTS_CHANGED', message: expect.stringContaining(listed.abs) });
  });

  it('fails, naming the file, when a file was rewritten at the same size after it was listed', async () => {
    const listed = file(tempDir(), 'weights/m.bin', 'twelve bytes');
    fs.writeFileSync(listed.abs, 'TWELVE BYTES');
    fs.utimesSync(listed.abs, new Date('2020-05-05'), new Date('2020-05-05'));
    await expect(write([listed])).rejects.toMatchObject({ code: 'WEIGHTS_CHANGED', message: expect.stringContaining(`${listed.abs} was rewritten`) });
  });

  it('stops on cancel', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(write([file(tempDir(), 'weights/m.bin', 'x')], controller.signal)).rejects.toThrow(/abort/i);
  });
});
