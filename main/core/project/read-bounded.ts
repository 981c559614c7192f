import fs from 'node:fs';
import { SkyliftError } from '../../../shared/errors';
import { formatBytes } from '../../../shared/text/bytes';

/**
 * requirements.txt and pyproject.toml are read whole to propose a skylift.yaml. Real ones are a few
 * KB (a large lock-style requirements file with hashes is ~200 KB), so 1 MiB refuses only the wrong
 * file: a dataset renamed by mistake, or a link to /dev/zero that would fill memory.
 */
export const MAX_DEPENDENCY_FILE_BYTES = 1024 * 1024;

export interface ReadLimit {
  maxBytes: number;
  /** The error code of a refusal: the caller's, so skylift.yaml keeps PROJECT_INVALID. */
  code: string;
  /** The refusal of a file over the limit, after its path: the size, the limit and why. */
  tooLarge: (bytes: number) => string;
  /** What to do about a file over the limit. */
  hint: string;
}

/** The limit for requirements.txt and pyproject.toml. */
export const dependencyFileLimit: ReadLimit = {
  maxBytes: MAX_DEPENDENCY_FILE_BYTES,
  code: 'PROJECT_FILE_TOO_LARGE',
  tooLarge: (bytes) => `${formatBytes(bytes)}; Skylift reads at most ${formatBytes(MAX_DEPENDENCY_FILE_BYTES)} of a dependency list (a real one is a few KB, even with hashes). Is this the right file?`,
  hint: 'Point it at your real requirements file, or remove the large file from the project folder.',
};

/**
 * Reads a project file as UTF-8 only when it is (or links to) a regular file within the limit. A
 * FIFO would block the reading thread forever (in browser mode, the whole server), a device like
 * /dev/zero never ends, and a folder cannot be read: each is refused with the path named. The size
 * is checked on the open descriptor and at most `maxBytes + 1` bytes are read, so a file that grows
 * between the check and the read is still bounded.
 */
export function readBoundedFile(file: string, limit: ReadLimit): string {
  refuseSpecial(file, fs.statSync(file), limit); // follows links; refuses before an open could block
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const stat = fs.fstatSync(fd);
    refuseSpecial(file, stat, limit);
    if (stat.size > limit.maxBytes) throw tooLarge(file, stat.size, limit);
    const buffer = Buffer.alloc(Math.min(stat.size, limit.maxBytes) + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read) read = fs.readSync(fd, buffer, length, buffer.length - length, null);
    if (length > limit.maxBytes) throw tooLarge(file, length, limit); // it grew after the check
    return buffer.toString('utf8', 0, length);
  } finally {
    fs.closeSync(fd);
  }
}

function refuseSpecial(file: string, stat: fs.Stats, limit: ReadLimit): void {
  if (stat.isFile()) return;
  throw new SkyliftError({
    code: limit.code,
    message: `${file} is not a regular file (a ${fileKind(stat)}); Skylift reads project files only when they are plain files.`,
    hint: 'Replace it with a plain file (a symbolic link to one is fine), or remove it.',
    details: { file, kind: fileKind(stat) },
  });
}

function tooLarge(file: string, bytes: number, limit: ReadLimit): SkyliftError {
  return new SkyliftError({ code: limit.code, message: `${file}: ${limit.tooLarge(bytes)}`, hint: limit.hint, details: { file, limitBytes: limit.maxBytes } });
}

/** What kind of non-regular file something is, in words. */
export function fileKind(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'folder';
  if (stat.isFIFO()) return 'named pipe (FIFO)';
  if (stat.isSocket()) return 'socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'device';
  if (stat.isSymbolicLink()) return 'symbolic link';
  return stat.isFile() ? 'file' : 'special file';
}
