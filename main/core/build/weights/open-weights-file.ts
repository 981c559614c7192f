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

/** After the read: a file that grew (a download still running) gives a layer of a prefix of it. */
export async function checkSizeAfterRead(handle: fs.promises.FileHandle, abs: string, listedSize: number): Promise<void> {
  const now = (await handle.stat()).size;
  if (now !== listedSize) throw weightsChanged(`${abs} changed while its weights layer was being written: it had ${listedSize} bytes when listed, ${now} after it was read`);
}

export function weightsChanged(what: string): SkyliftError {
  return new SkyliftError({
    code: 'WEIGHTS_CHANGED',
    message: `${what}. Nothing was tagged.`,
    hint: 'Build again once the weights files are settled (a download or copy still running?).',
  });
}
