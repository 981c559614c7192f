import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { PlannedFile } from '../context-policy';
import type { HashIndex } from './hash-index';
import { fileMode, type LayerFile } from './layer-tar';
import { checkAfterRead, openWeightsFile, weightsChanged } from './open-weights-file';

/** A weights file with its stat (for the index) and its sha256 once known. */
export interface WeightFile extends LayerFile {
  stat: fs.Stats;
  sha256?: string;
}

/** Where the layer puts the project's files: at /app/<project path>, as `COPY weights/ /app/` did. */
export const LAYER_DIR = 'app';

/** The project's weights files, stat'ed once, each with its hash when the index still vouches for it. */
export function weightFiles(planned: readonly PlannedFile[], index: HashIndex | null): WeightFile[] {
  return planned.map((file) => {
    const stat = listedStat(file.abs);
    return { name: `${LAYER_DIR}/${file.rel}`, abs: file.abs, size: stat.size, mode: fileMode(stat.mode), stat, sha256: index?.lookup(file.abs, stat) };
  });
}

/** The deps part can take minutes: a file deleted or renamed since planning is named, not an errno. */
function listedStat(abs: string): fs.Stats {
  try {
    return fs.statSync(abs);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw weightsChanged(`${abs} can't be read (${code === 'ENOENT' ? 'it is gone' : code === 'ELOOP' ? 'a symlink loop' : code ?? 'error'})`);
  }
}

/**
 * The weights' content hash: over each file's layer path, mode, size and sha256, sorted. It names
 * exactly the layer's bytes (the tar adds only fixed metadata), so equal hashes mean equal layers;
 * any added, deleted, renamed or changed file changes it.
 */
export function weightsHash(files: ReadonlyArray<{ name: string; mode: number; size: number; sha256: string }>): string {
  const hash = createHash('sha256').update('skylift-weights-v1\n');
  const sorted = [...files].sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  for (const file of sorted) hash.update(`${file.name}\0${file.mode.toString(8)}\0${file.size}\0${file.sha256}\n`);
  return hash.digest('hex');
}

/** Reads and hashes files the index could not vouch for, recording each; stops at once on cancel. */
export async function hashFiles(files: WeightFile[], index: HashIndex, signal: AbortSignal): Promise<void> {
  for (const file of files) {
    if (file.sha256) continue;
    const startedAt = Date.now();
    const hash = createHash('sha256');
    const handle = await openWeightsFile(file.abs);
    try {
      const stream = handle.createReadStream({ highWaterMark: 1024 * 1024, signal, autoClose: false });
      for await (const chunk of stream as AsyncIterable<Buffer>) hash.update(chunk);
      await checkAfterRead(handle, file.abs, file.stat);
    } finally {
      await handle.close();
    }
    file.sha256 = hash.digest('hex');
    index.record(file.abs, file.stat, file.sha256, startedAt);
  }
}

export const totalBytes = (files: ReadonlyArray<{ size: number }>): number => files.reduce((sum, file) => sum + file.size, 0);
