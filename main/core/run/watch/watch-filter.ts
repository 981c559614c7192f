import fs from 'node:fs';
import path from 'node:path';
import ignore from '@balena/dockerignore';

/** Folders whose changes never touch the image: Skylift's own state, git, Python's bytecode caches, editors' and tools' caches. */
const IGNORED_FOLDERS = new Set(['.skylift', '.git', '__pycache__', '.mypy_cache', '.pytest_cache', '.ruff_cache', 'node_modules', '.idea', '.vscode']);

/**
 * Editors' temporary files: vim's swap files and its write test (4913), emacs' lock and auto-save
 * files, backups ending in ~, JetBrains' and others' ___jb_tmp___ / .tmp files, Kate's swap files.
 */
const EDITOR_TEMP = [/\.sw[a-p]$/, /^4913$/, /^\.#/, /^#.*#$/, /~$/, /___jb_(tmp|old)___$/, /\.tmp$/i, /\.kate-swp$/, /\.pyc$/, /^\.DS_Store$/];

/** Decides which changed paths (relative to the project) can change the image: the rest never start a rebuild. */
export type WatchFilter = (relative: string) => boolean;

/**
 * A filter for `projectDir` by its .dockerignore, as the build reads it. A change to .dockerignore
 * itself always counts (it changes what the build sends) and is read again, so the next saves are
 * judged by the rules the next build uses.
 */
export function watchFilter(projectDir: string): WatchFilter {
  let dockerignore = readDockerignore(projectDir);
  return (relative) => {
    const rel = relative.split(path.sep).join('/');
    if (rel === '' || rel === '.') return false;
    if (rel === '.dockerignore') {
      dockerignore = readDockerignore(projectDir);
      return true;
    }
    const parts = rel.split('/');
    if (parts.some((part) => IGNORED_FOLDERS.has(part))) return false;
    const base = parts[parts.length - 1]!;
    if (EDITOR_TEMP.some((pattern) => pattern.test(base))) return false;
    return !dockerignore.ignores(rel);
  };
}

function readDockerignore(projectDir: string): ReturnType<typeof ignore> {
  const rules = ignore({ ignorecase: false });
  try {
    const text = fs.readFileSync(path.join(projectDir, '.dockerignore'), 'utf8');
    rules.add(text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line && !line.startsWith('#')));
  } catch {
    // No .dockerignore (or unreadable): nothing more is ignored; the build says what is wrong with it.
  }
  return rules;
}
