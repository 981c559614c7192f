import { createHash, type Hash } from 'node:crypto';
import type { SkyliftError } from '../../../../shared/errors';
import { checkAfterRead, openWeightsFile, weightsChanged, type ListedStat } from './open-weights-file';
import { BLOCK, encodeHeader, END_OF_ARCHIVE, headerLength, padded, type TarEntryHeader } from './tar-header';

/** A weights file as it goes into the layer: its path in the image (app/…) and the file read for it. */
export interface LayerFile {
  name: string;
  abs: string;
  size: number;
  /** 0o644, or 0o755 for a file with any execute bit. */
  mode: number;
  /** The stat when listed: the read is checked against it. */
  stat: Omit<ListedStat, 'size'>;
}

export type LayerEntry = (TarEntryHeader & { type: 'dir' }) | (TarEntryHeader & { type: 'file'; abs: string; stat: Omit<ListedStat, 'size'> });

/** Normalised modes: only "executable or not" survives from the file system. */
export const fileMode = (statMode: number): number => (statMode & 0o111 ? 0o755 : 0o644);

const byBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** Every file plus a directory entry for each parent folder, sorted bytewise (a parent sorts before its children). */
export function layerEntries(files: readonly LayerFile[]): LayerEntry[] {
  const dirs = new Set<string>();
  for (const file of files) {
    for (let cut = file.name.indexOf('/'); cut > 0; cut = file.name.indexOf('/', cut + 1)) dirs.add(file.name.slice(0, cut));
  }
  const entries: Array<{ key: string; entry: LayerEntry }> = [
    ...[...dirs].map((dir) => ({ key: dir, entry: { name: `${dir}/`, type: 'dir' as const, mode: 0o755, size: 0 } })),
    ...files.map((file) => ({ key: file.name, entry: { name: file.name, type: 'file' as const, mode: file.mode, size: file.size, abs: file.abs, stat: file.stat } })),
  ];
  return entries.sort((a, b) => byBytes(a.key, b.key)).map(({ entry }) => entry);
}

/** The layer tar's exact length, from its headers and padded contents: known before a byte is read. */
export function layerLength(entries: readonly LayerEntry[]): number {
  return entries.reduce((sum, entry) => sum + headerLength(entry) + padded(entry.size), 0) + END_OF_ARCHIVE.length;
}

export interface LayerWriteHooks {
  signal: AbortSignal;
  /** Each file's sha256 (hex), once all its bytes are written. */
  onFile?(entry: LayerEntry & { type: 'file' }, sha256: string, startedAt: number): void;
}

const READ_CHUNK = 1024 * 1024;

/**
 * The layer tar's bytes, in order, each file read once as it streams. `hash` sees every byte: its
 * digest at the end is the layer's diff_id. A file that shrank or grew since it was listed fails
 * the write (the header already promised its size).
 */
export async function* layerChunks(entries: readonly LayerEntry[], hash: Hash, hooks: LayerWriteHooks): AsyncGenerator<Buffer> {
  const emit = (chunk: Buffer): Buffer => (hash.update(chunk), chunk);
  for (const entry of entries) {
    hooks.signal.throwIfAborted();
    yield emit(encodeHeader(entry));
    if (entry.type !== 'file') continue;
    const startedAt = Date.now();
    const fileHash = createHash('sha256');
    let read = 0;
    const handle = await openWeightsFile(entry.abs);
    try {
      if (entry.size > 0) {
        const stream = handle.createReadStream({ start: 0, end: entry.size - 1, highWaterMark: READ_CHUNK, signal: hooks.signal, autoClose: false });
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          read += chunk.length;
          fileHash.update(chunk);
          yield emit(chunk);
        }
      }
      if (read !== entry.size) throw changedWhileRead(entry.abs, entry.size, read);
      await checkAfterRead(handle, entry.abs, { size: entry.size, mtimeMs: entry.stat.mtimeMs, ctimeMs: entry.stat.ctimeMs });
    } finally {
      await handle.close();
    }
    const rest = padded(entry.size) - entry.size;
    if (rest > 0) yield emit(Buffer.alloc(rest));
    hooks.onFile?.(entry, fileHash.digest('hex'), startedAt);
  }
  yield emit(END_OF_ARCHIVE);
}

function changedWhileRead(abs: string, size: number, read: number): SkyliftError {
  return weightsChanged(`${abs} changed while its weights layer was being written: it had ${size} bytes when listed, ${read} when read`);
}

export { BLOCK };
