import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ListDirsOutput } from '../../../shared/contract/images';
import { SkyliftError } from '../../../shared/errors';

/** One folder's entries read at most: a path field's completion must stay fast in /usr/lib too. */
export const MAX_ENTRIES_READ = 5000;
const MAX_READ_MS = 300;
/** Kernel pseudo-filesystems: thousands of entries and nothing a project lives in. */
const PSEUDO_ROOTS = ['/proc', '/sys', '/dev'];

/**
 * The child folders of the folder a typed path points into, whose names start with what follows the
 * last slash: `/home/me/mo` lists `/home/me`'s folders starting "mo". One level, never recursive;
 * files are left out; hidden folders only when the typed name starts with a dot.
 */
export async function listDirs(typed: string, limit: number): Promise<ListDirsOutput> {
  const expanded = typed.startsWith('~') ? path.join(os.homedir(), typed.slice(1)) : typed || `${os.homedir()}/`;
  // Split where the user typed the last slash: `/x/.` asks for /x's hidden folders, not for /x.
  const slash = expanded.lastIndexOf('/');
  const parent = path.resolve(slash >= 0 ? expanded.slice(0, slash + 1) : '.');
  const prefix = expanded.slice(slash + 1);
  if (PSEUDO_ROOTS.some((root) => parent === root || parent.startsWith(`${root}/`))) return { parent, dirs: [], truncated: false };

  const dir = await fs.promises.opendir(parent).catch((error: NodeJS.ErrnoException) => {
    throw unreadable(parent, error);
  });
  const dirs: string[] = [];
  let read = 0;
  let truncated = false;
  const started = Date.now();
  try {
    for await (const entry of dir) {
      if (++read > MAX_ENTRIES_READ || Date.now() - started > MAX_READ_MS) {
        truncated = true;
        break;
      }
      if (!entry.name.startsWith(prefix) || (entry.name.startsWith('.') && !prefix.startsWith('.'))) continue;
      if (await isFolder(parent, entry)) dirs.push(entry.name);
    }
  } finally {
    await dir.close().catch(() => undefined); // already closed when the loop ran to the end
  }
  // Sorted before the limit, so the first names in order are the ones shown.
  dirs.sort((a, b) => a.localeCompare(b));
  return { parent, dirs: dirs.slice(0, limit), truncated: truncated || dirs.length > limit };
}

/** A folder, or a link to one (a linked data folder is a common project home). */
async function isFolder(parent: string, entry: fs.Dirent): Promise<boolean> {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  return (await fs.promises.stat(path.join(parent, entry.name)).catch(() => null))?.isDirectory() ?? false;
}

function unreadable(parent: string, error: NodeJS.ErrnoException): SkyliftError {
  if (error.code === 'ENOENT' || error.code === 'ENOTDIR') {
    return new SkyliftError({ code: 'NOT_FOUND', message: `No folder at ${parent}.`, hint: 'Check the path; it is a path on the machine running Skylift.' });
  }
  if (error.code === 'EACCES' || error.code === 'EPERM') {
    return new SkyliftError({ code: 'PERMISSION_DENIED', message: `Skylift may not read ${parent}.`, hint: 'Choose a folder your user can read.' });
  }
  return new SkyliftError({ code: 'FOLDER_UNREADABLE', message: `Could not read ${parent} (${error.code ?? error.message}).`, hint: 'Check the path and try again.' });
}
