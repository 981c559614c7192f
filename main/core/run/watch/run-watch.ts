import { swapLine, type SwapTimings, type WatchStatus } from '../../../../shared/contract/watch';
import type { AppError } from '../../../../shared/errors';
import { toAppError } from '../../errors';
import type { VariantSession } from '../variant-session';
import { FolderWatcher } from './folder-watcher';
import { watchError } from './watch-hint';

/** A run without watch mode, as run.watchStatus describes it. */
export const WATCH_OFF: WatchStatus = Object.freeze({ enabled: false, state: 'off', swaps: 0, lastSwap: null, error: null, buildJobId: null });

export interface RunWatchDeps {
  dir: string;
  /** Rebuilds the variant as the Build step does (a build job, `onJob` hears its id); resolves once the image is ready, or throws the build's error. */
  rebuild: (signal: AbortSignal, onJob: (buildJobId: string) => void) => Promise<void>;
  /** Starts a new session from the image just built; resolves once it is ready (what the run itself waits for). */
  openSession: (signal: AbortSignal) => Promise<VariantSession>;
  /** Points every new request at `next` at once; resolves when the old session has stopped. */
  swap: (next: VariantSession, signal: AbortSignal) => Promise<void>;
  log: (line: string, stream: 'info' | 'stderr') => void;
  /** A swap happened (the CLI prints its line; the Test step shows it). */
  onSwap: (timings: SwapTimings, line: string) => void;
  debounceMs?: number;
}

/**
 * Watch mode for one run: a saved change rebuilds the variant and swaps the running session for
 * one from the new image, once that one is ready; the old one serves until then. A build that fails
 * or a session that does not come up leaves the old one serving and says why; the next save tries
 * again. A save during a rebuild queues exactly one more rebuild.
 */
export class RunWatch {
  private watcher: FolderWatcher | null = null;
  private state: WatchStatus['state'] = 'off';
  private swaps = 0;
  private lastSwap: SwapTimings | null = null;
  private error: AppError | null = null;
  private buildJobId: string | null = null;
  private cycle: Promise<void> | null = null;
  /** The first save not yet served by a rebuild that started after it. */
  private queuedSavedAt: number | null = null;
  private controller: AbortController | null = null;

  constructor(private readonly deps: RunWatchDeps) {}

  status(): WatchStatus {
    return { enabled: this.watcher !== null, state: this.state, swaps: this.swaps, lastSwap: this.lastSwap, error: this.error, buildJobId: this.buildJobId };
  }

  /** Starts watching the folder (a failure to watch is thrown: there is nothing to turn on). */
  enable(): void {
    if (this.watcher) return;
    const watcher = new FolderWatcher(this.deps.dir, {
      onChange: (savedAt) => this.changed(savedAt),
      onError: (error) => {
        this.watcher = null;
        this.error = error.toAppError();
        this.deps.log(`Rebuild on save stopped: ${error.message} ${error.hint ?? ''}`.trim(), 'stderr');
        void this.disable();
      },
      ...(this.deps.debounceMs !== undefined ? { debounceMs: this.deps.debounceMs } : {}),
    });
    watcher.start();
    this.watcher = watcher;
    if (!this.cycle) this.state = 'watching';
    this.deps.log(`Rebuild on save: watching ${this.deps.dir}; a saved change rebuilds and swaps the container, this one serves until the new one is ready.`, 'info');
  }

  /** Stops watching and any rebuild or start under way (its build job is cancelled, its new container removed). */
  async disable(): Promise<void> {
    const wasOn = this.watcher !== null;
    this.watcher?.stop();
    this.watcher = null;
    this.queuedSavedAt = null;
    this.controller?.abort();
    while (this.cycle) await this.cycle;
    // enable() may have run while the cycle wound down (a quick toggle): then it is watching again.
    this.state = this.watcher ? 'watching' : 'off';
    if (wasOn) this.deps.log('Rebuild on save: off.', 'info');
  }

  private changed(savedAt: number): void {
    if (!this.watcher) return;
    if (this.cycle) {
      this.queuedSavedAt ??= savedAt;
      return;
    }
    this.cycle = this.rebuildAndSwap(savedAt);
  }

  private async rebuildAndSwap(savedAt: number): Promise<void> {
    const controller = new AbortController();
    this.controller = controller;
    try {
      await this.attempt(savedAt, controller.signal);
    } catch (error) {
      if (!controller.signal.aborted) this.failed(error);
    } finally {
      this.controller = null;
      const queued = this.queuedSavedAt;
      this.queuedSavedAt = null;
      this.state = this.watcher ? 'watching' : 'off';
      this.cycle = queued !== null && this.watcher && !controller.signal.aborted ? this.rebuildAndSwap(queued) : null;
    }
  }

  private async attempt(savedAt: number, signal: AbortSignal): Promise<void> {
    this.state = 'building';
    const buildStarted = performance.now();
    await this.deps.rebuild(signal, (id) => (this.buildJobId = id));
    const rebuildMs = performance.now() - buildStarted;
    this.state = 'starting';
    const loadStarted = performance.now();
    const next = await this.deps.openSession(signal);
    const loadMs = performance.now() - loadStarted;
    if (signal.aborted) {
      await next.stop();
      return;
    }
    const oldStopped = this.deps.swap(next, signal); // new requests go to `next` from here on
    const timings: SwapTimings = { buildJobId: this.buildJobId ?? '', rebuildMs, loadMs, totalMs: performance.now() - savedAt, at: new Date().toISOString() };
    this.swaps++;
    this.lastSwap = timings;
    this.error = null;
    this.deps.onSwap(timings, swapLine(timings));
    await oldStopped.catch((error: unknown) => this.deps.log(`Rebuild on save: the previous container did not stop cleanly: ${toAppError(error).message}`, 'stderr'));
  }

  private failed(error: unknown): void {
    this.error = watchError(toAppError(error));
    const { message, hint } = this.error;
    this.deps.log(`Rebuild on save: ${message}${hint ? ` ${hint}` : ''} The previous version keeps serving; save again to retry.`, 'stderr');
  }
}
