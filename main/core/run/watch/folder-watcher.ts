import fs from 'node:fs';
import { SkyliftError } from '../../../../shared/errors';
import { TreeWatch } from './tree-watch';
import { watchFilter, type WatchFilter } from './watch-filter';

/** An editor's save is often write, rename, write (or a swap file dance): saves this close together are one change. */
export const DEBOUNCE_MS = 200;

export interface FolderWatcherOptions {
  /** Called once per burst of saves, DEBOUNCE_MS after the last one, with when the first of them happened (performance.now()). */
  onChange: (firstSavedAt: number, paths: string[]) => void;
  /** The watch itself failed (the folder went away, the OS's watch limit): watching has stopped. */
  onError: (error: SkyliftError) => void;
  debounceMs?: number;
}

/**
 * Watches a project folder, recursively, for changes that can change the image: .skylift/, .git,
 * caches, editors' temporary files and what .dockerignore excludes are not changes. On Linux one
 * inotify watch per folder (TreeWatch); elsewhere the OS's own recursive watch (FSEvents, Windows).
 */
export class FolderWatcher {
  private watcher: { close(): void } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private firstSavedAt: number | null = null;
  private paths = new Set<string>();

  constructor(
    private readonly dir: string,
    private readonly options: FolderWatcherOptions,
  ) {}

  start(): void {
    if (this.watcher) return;
    const counts = watchFilter(this.dir);
    const failed = (error: unknown) => {
      this.stop();
      this.options.onError(watchFailed(this.dir, error));
    };
    try {
      this.watcher = process.platform === 'linux' ? this.treeWatch(counts, failed) : this.recursiveWatch(counts, failed);
    } catch (error) {
      this.watcher = null;
      throw watchFailed(this.dir, error);
    }
  }

  private treeWatch(counts: WatchFilter, failed: (error: unknown) => void): TreeWatch {
    const tree = new TreeWatch(this.dir, { counts, onChange: (name) => this.saw(name), onError: failed });
    tree.start();
    return tree;
  }

  private recursiveWatch(counts: WatchFilter, failed: (error: unknown) => void): fs.FSWatcher {
    const watcher = fs.watch(this.dir, { recursive: true, persistent: false }, (_event, name) => {
      if (name && counts(String(name))) this.saw(String(name));
    });
    watcher.on('error', failed);
    return watcher;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.firstSavedAt = null;
    this.paths.clear();
    this.watcher?.close();
    this.watcher = null;
  }

  private saw(name: string): void {
    this.firstSavedAt ??= performance.now();
    this.paths.add(name);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.settle(), this.options.debounceMs ?? DEBOUNCE_MS);
  }

  private settle(): void {
    const savedAt = this.firstSavedAt ?? performance.now();
    const paths = [...this.paths];
    this.timer = null;
    this.firstSavedAt = null;
    this.paths.clear();
    this.options.onChange(savedAt, paths);
  }
}

function watchFailed(dir: string, error: unknown): SkyliftError {
  const code = (error as NodeJS.ErrnoException).code;
  const limit = code === 'ENOSPC' || code === 'EMFILE';
  return new SkyliftError({
    code: 'WATCH_FAILED',
    message: `Can't watch ${dir} for changes: ${limit ? "the system's limit on watched folders is reached" : (error as Error).message}.`,
    hint: limit
      ? 'Raise it (sudo sysctl fs.inotify.max_user_watches=524288), then turn Rebuild on save on again.'
      : 'Check that the project folder still exists, then turn Rebuild on save on again.',
  });
}
