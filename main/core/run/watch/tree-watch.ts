import fs from 'node:fs';
import path from 'node:path';
import type { WatchFilter } from './watch-filter';

export interface TreeWatchOptions {
  /** Which paths (relative to the root) matter; a folder that does not is never walked nor watched. */
  counts: WatchFilter;
  /** A path that matters changed (relative to the root). */
  onChange: (relative: string) => void;
  /** Watching failed (the OS's watch limit, the root gone): the tree watch has closed. */
  onError: (error: NodeJS.ErrnoException) => void;
}

/**
 * A folder tree watched one folder at a time: inotify reports a folder's entries, so a watch per
 * folder hears every file in it. Node's own recursive fs.watch on Linux takes one watch per file
 * (3,000 files: 3,000 watches), which a project with a virtualenv or a model cache inside would
 * spend against the system's limit; here it is one per folder, and ignored folders (.git, caches,
 * what .dockerignore excludes) cost nothing.
 */
export class TreeWatch {
  private readonly watchers = new Map<string, fs.FSWatcher>();
  private closed = false;
  /** While start() walks the tree, a failure is thrown to its caller rather than reported. */
  private starting = false;
  /** The root's inode: inotify follows a moved folder, so a rename shows only as the path naming another (or no) folder. */
  private rootIno = 0;

  constructor(
    private readonly root: string,
    private readonly options: TreeWatchOptions,
  ) {}

  /** How many folders are watched (one OS watch each). */
  get size(): number {
    return this.watchers.size;
  }

  /** Watches the root and every folder under it that matters; throws when the root can't be watched. */
  start(): void {
    this.starting = true;
    try {
      this.rootIno = fs.statSync(this.root).ino;
      this.add('');
    } catch (error) {
      this.close();
      throw error;
    } finally {
      this.starting = false;
    }
  }

  close(): void {
    this.closed = true;
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private add(folder: string): void {
    if (this.closed || this.watchers.has(folder)) return;
    const abs = path.join(this.root, folder);
    let watcher: fs.FSWatcher;
    try {
      watcher = fs.watch(abs, { persistent: false }, (_event, name) => name && this.saw(path.join(folder, String(name))));
    } catch (error) {
      if (folder === '') throw error;
      return this.failedOn(folder, error as NodeJS.ErrnoException);
    }
    watcher.on('error', (error: NodeJS.ErrnoException) => this.failedOn(folder, error));
    this.watchers.set(folder, watcher);
    let entries: fs.Dirent[] = [];
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch {
      return; // gone already: its parent's event says so
    }
    for (const entry of entries) {
      const child = path.join(folder, entry.name);
      if (entry.isDirectory() && this.options.counts(child)) this.add(child);
    }
  }

  private saw(relative: string): void {
    if (this.closed) return;
    if (!this.rootStillHere()) return;
    if (!this.options.counts(relative)) return;
    this.options.onChange(relative);
    // A folder made or moved in is watched from now on; one removed or moved out is let go.
    fs.stat(path.join(this.root, relative), (error, stats) => {
      if (!error && stats.isDirectory()) this.add(relative);
      else if (error) this.forget(relative);
    });
  }

  private forget(folder: string): void {
    for (const [watched, watcher] of this.watchers) {
      if (watched === folder || watched.startsWith(`${folder}${path.sep}`)) {
        watcher.close();
        this.watchers.delete(watched);
      }
    }
  }

  /** Deleted or renamed, the project folder is gone from its path: the whole watch ends, saying so (never a rebuild of a missing folder). */
  private rootStillHere(): boolean {
    let ino: number | null = null;
    try {
      ino = fs.statSync(this.root).ino;
    } catch {
      // gone: reported below
    }
    if (ino === this.rootIno) return true;
    this.close();
    this.options.onError(Object.assign(new Error(`${this.root} no longer exists (deleted or renamed)`), { code: 'ENOENT' }));
    return false;
  }

  /** A folder removed under us ends its own watch quietly; anything else (the OS's limit) ends the whole watch. */
  private failedOn(folder: string, error: NodeJS.ErrnoException): void {
    if (folder !== '' && (error.code === 'ENOENT' || error.code === 'EPERM' || error.code === 'EACCES')) return this.forget(folder);
    if (this.starting) throw error;
    this.close();
    this.options.onError(error);
  }
}
