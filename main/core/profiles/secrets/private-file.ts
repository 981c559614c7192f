import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** `<dataDir>/secrets`, created or tightened to 0700 so no other user can even list it. */
export async function ensureSecretsDir(dataDir: string): Promise<string> {
  const dir = secretsDirOf(dataDir);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  // mkdir's mode is filtered by the umask and ignored for a folder that already exists.
  await fs.chmod(dir, 0o700);
  return dir;
}

export const secretsDirOf = (dataDir: string): string => path.join(dataDir, 'secrets');

/**
 * Replaces `file` with `text`, readable by the owner only (0600). Written to a temp file, synced
 * and renamed over the old one: a crash mid-write leaves the old file whole, never half a file.
 */
export async function writePrivateFileAtomically(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const handle = await fs.open(temp, 'wx', 0o600);
    try {
      await handle.chmod(0o600); // the open mode was filtered by the umask
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/** The file's text, or undefined when it does not exist. */
export async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

const queues = new Map<string, Promise<unknown>>();

/** Runs read-modify-write tasks on one file one at a time, so two puts in flight both land. */
export function oneAtATime<T>(file: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(file) ?? Promise.resolve();
  const next = previous.then(task, task);
  queues.set(file, next.catch(() => undefined));
  return next;
}
