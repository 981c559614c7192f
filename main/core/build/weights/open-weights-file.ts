import fs from 'node:fs';
import { SkyliftError } from '../../../../shared/errors';
import { fileKind } from '../../project/read-bounded';

/**
 * Opens a weights file listed moments ago, for reading. Between the listing and the read it may
 * have become a FIFO (whose open would block a thread forever: no stall deadline would name it),
 * a folder or a symlink loop: each is WEIGHTS_CHANGED with the path, never a hang or an errno.
 * O_NONBLOCK makes a FIFO's open return at once; it changes nothing for a regular file.
 */
export async function openWeightsFile(abs: string): Promise<fs.promises.FileHandle> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(abs, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw weightsChanged(`${abs} can't be read (${code === 'ELOOP' ? 'a symlink loop' : code === 'ENOENT' ? 'it is gone' : code ?? 'error'})`);
  }
  const stat = await handle.stat();
  if (!stat.isFile()) {
    await handle.close();
    throw weightsChanged(`${abs} is no longer a regular file (a ${fileKind(stat)})`);
  }
  return handle;
}

/** The listing's stat of a weights file: what the read is checked against. */
export type ListedStat = Pick<fs.Stats, 'size' | 'mtimeMs' | 'ctimeMs'>;

/**
 * After the read: a file that grew (a download still running) gives a layer of a prefix of it, and
 * one rewritten in place at the same size gives bytes that are neither old nor new: either is named.
 */
export async function checkAfterRead(handle: fs.promises.FileHandle, abs: string, listed: ListedStat): Promise<void> {
  const now = await handle.stat();
  if (now.size !== listed.size) throw weightsChanged(`${abs} changed while its weights layer was being written: it had ${listed.size} bytes when listed, ${now.size} after it was read`);
  if (now.mtimeMs !== listed.mtimeMs || now.ctimeMs !== listed.ctimeMs) throw weightsChanged(`${abs} was rewritten while its weights layer was being written (same size, new modification time)`);
}

export function weightsChanged(what: string): SkyliftError {
  return new SkyliftError({
    code: 'WEIGHTS_CHANGED',
    message: `${what}. Nothing was tagged.`,
    hint: 'Build again once the weights files are settled (a download or copy still running?).',
  });
}
