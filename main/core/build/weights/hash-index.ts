import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SkyliftError } from '../../../../shared/errors';
import { formatBytes } from '../../../../shared/text/bytes';
import { readBoundedFile, type ReadLimit } from '../../project/read-bounded';

/**
 * Each weights file's sha256, keyed by its real path and trusted while its stat is unchanged (as
 * git's index does), so a rebuild learns the weights hash from stat calls instead of reading
 * gigabytes. An entry hashed within a clock tick of the file's last write is "racily clean" and
 * re-hashed: a write in that same tick would leave the stat unchanged.
 */
const entrySchema = z.object({
  size: z.number(),
  mtimeMs: z.number(),
  ctimeMs: z.number(),
  ino: z.number(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** When reading for this hash began (ms since the epoch). */
  hashedAt: z.number(),
});
const indexSchema = z.object({ version: z.literal(1), entries: z.record(z.string(), entrySchema) });
type IndexEntry = z.infer<typeof entrySchema>;

export type FileStat = Pick<fs.Stats, 'size' | 'mtimeMs' | 'ctimeMs' | 'ino'>;

/** Timestamps can lag the wall clock by a tick; an mtime this close to the hash is not trusted. */
const RACY_MS = 100;
/** Past this many entries the oldest are dropped: the index stays small however many projects come and go. */
const MAX_ENTRIES = 20_000;

export const WEIGHTS_INDEX_FILE = 'weights-index.json';

/** MAX_ENTRIES entries of long paths stay well under this; a larger file is not an index Skylift wrote. */
const MAX_INDEX_BYTES = 32 * 1024 ** 2;
const INDEX_LIMIT: ReadLimit = {
  maxBytes: MAX_INDEX_BYTES,
  code: 'WEIGHTS_INDEX_UNREADABLE',
  tooLarge: (bytes) => `it is ${formatBytes(bytes)}, more than the ${formatBytes(MAX_INDEX_BYTES)} an index can reach`,
  hint: '',
};

export class HashIndex {
  private changed = false;

  private constructor(
    private readonly file: string,
    private readonly entries: Map<string, IndexEntry>,
    /** Why a stored index was not used (unreadable, not JSON, wrong shape); null when it was, or there was none. */
    readonly discarded: string | null,
  ) {}

  /** Never throws: a missing, unreadable or corrupt index means "hash again", not a failed build. */
  static load(dataDir: string): HashIndex {
    const file = path.join(dataDir, WEIGHTS_INDEX_FILE);
    let text: string;
    try {
      // Bounded and plain files only: a FIFO here would block the core's thread, a huge file fill its memory.
      text = readBoundedFile(file, INDEX_LIMIT);
    } catch (error) {
      if (error instanceof SkyliftError) return new HashIndex(file, new Map(), refusal(error, file));
      const code = (error as NodeJS.ErrnoException).code;
      return new HashIndex(file, new Map(), code === 'ENOENT' ? null : `it could not be read (${code ?? 'error'})`);
    }
    try {
      const parsed = indexSchema.safeParse(JSON.parse(text));
      if (parsed.success) return new HashIndex(file, new Map(Object.entries(parsed.data.entries)), null);
      return new HashIndex(file, new Map(), 'it is not a weights index Skylift can read');
    } catch {
      return new HashIndex(file, new Map(), 'it is not valid JSON');
    }
  }

  /** The file's sha256 if the stored one still holds for this stat; undefined when the file must be read. */
  lookup(abs: string, stat: FileStat): string | undefined {
    const entry = this.entries.get(abs);
    if (!entry) return undefined;
    const same = entry.size === stat.size && entry.mtimeMs === stat.mtimeMs && entry.ctimeMs === stat.ctimeMs && entry.ino === stat.ino;
    return same && stat.mtimeMs < entry.hashedAt - RACY_MS ? entry.sha256 : undefined;
  }

  has(abs: string): boolean {
    return this.entries.has(abs);
  }

  record(abs: string, stat: FileStat, sha256: string, hashedAt: number): void {
    this.entries.delete(abs); // re-inserted last: the map's order is oldest first
    this.entries.set(abs, { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino, sha256, hashedAt });
    this.changed = true;
  }

  /** Written to a temp file and renamed over the old one: a crash mid-write leaves the old index whole. */
  save(): void {
    if (!this.changed) return;
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.${Date.now()}.tmp`;
    try {
      fs.writeFileSync(temp, JSON.stringify({ version: 1, entries: Object.fromEntries(this.entries) }), { mode: 0o600 });
      fs.renameSync(temp, this.file);
    } catch (error) {
      fs.rmSync(temp, { force: true });
      throw error;
    }
    this.changed = false;
  }
}

/** Why read-bounded refused the index, as the log's "set aside (…)" says it. */
function refusal(error: SkyliftError, file: string): string {
  const kind = (error.details as { kind?: string } | undefined)?.kind;
  return kind ? `it is not a regular file (a ${kind})` : error.message.replace(`${file}: `, '');
}
