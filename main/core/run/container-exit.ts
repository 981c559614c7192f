import type Dockerode from 'dockerode';

/** Why a container stopped, as the engine tells it (or that the engine could no longer be asked). */
export interface ContainerExit {
  exitCode: number | null;
  oomKilled: boolean;
  /** ISO time the engine says the process ended; null when unknown. */
  finishedAt: string | null;
  /** Set when the engine connection broke while watching: the container's fate is unknown. */
  lostEngine?: string;
}

/** "exited with code 137 (out of memory) at 12:00:01Z" — one line a user can act on. */
export function describeExit(exit: ContainerExit): string {
  if (exit.lostEngine) return `could not be watched any more: the Docker engine connection failed (${exit.lostEngine})`;
  const code = exit.exitCode === null ? 'exited' : `exited with code ${exit.exitCode}`;
  const oom = exit.oomKilled ? ' (killed: out of memory)' : '';
  const at = exit.finishedAt ? ` at ${exit.finishedAt}` : '';
  return `${code}${oom}${at}`;
}

/** Resolves once a started container is no longer running, with the cause. */
export async function waitForExit(container: Dockerode.Container): Promise<ContainerExit> {
  for (;;) {
    try {
      await container.wait({ condition: 'not-running' });
    } catch (error) {
      return { exitCode: null, oomKilled: false, finishedAt: null, lostEngine: (error as Error).message };
    }
    const info = await container.inspect().catch(() => undefined);
    // A wait made just as the container was (re)started can answer with the previous run's end:
    // the engine's own state says whether it is running now, and a FinishedAt older than its
    // StartedAt is that previous run's (a busy engine can answer before the new start shows).
    if (!info || (!info.State.Running && !endedBeforeLastStart(info.State))) return exitFromState(info?.State);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The state's end belongs to an earlier run than its latest start (the current boot has not ended). */
export function endedBeforeLastStart(state: { StartedAt?: string; FinishedAt?: string }): boolean {
  if (!state.StartedAt || !state.FinishedAt || state.FinishedAt.startsWith('0001-')) return false;
  return Date.parse(state.FinishedAt) < Date.parse(state.StartedAt);
}

function exitFromState(state: { ExitCode?: number; OOMKilled?: boolean; FinishedAt?: string } | undefined): ContainerExit {
  const finished = state?.FinishedAt && !state.FinishedAt.startsWith('0001-') ? state.FinishedAt : null;
  return { exitCode: state?.ExitCode ?? null, oomKilled: Boolean(state?.OOMKilled), finishedAt: finished };
}

/** How long check() waits for the engine's answer: a paused engine must not hold a bench's end. */
const CHECK_DEADLINE_MS = 5000;

/**
 * Watches one session's container across restarts: exits Skylift caused (stop, recycle) are
 * expected; any other exit is reported to the listeners once per boot.
 */
export class ExitWatch {
  private readonly listeners = new Set<(exit: ContainerExit) => void>();
  private boot = 0;
  private expectedBoot = -1;
  private reportedBoot = -1;
  private container: Dockerode.Container | null = null;
  private lastExit: ContainerExit | null = null;

  /** Call right after each successful start of the container. */
  arm(container: Dockerode.Container): void {
    const boot = ++this.boot;
    this.container = container;
    this.lastExit = null;
    void waitForExit(container).then((exit) => this.report(boot, exit));
  }

  /** Call before Skylift itself stops the container, so that exit is not reported. */
  expectExit(): void {
    this.expectedBoot = this.boot;
  }

  /**
   * Asks the engine now whether the container still runs, for callers that cannot wait for the
   * exit report (a bench whose requests all failed in milliseconds); reports an exit it finds.
   */
  async check(): Promise<ContainerExit | null> {
    const boot = this.boot;
    if (!this.container || this.lastExit) return this.lastExit;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), CHECK_DEADLINE_MS)));
    const info = await Promise.race([this.container.inspect().catch(() => undefined), late]).finally(() => clearTimeout(timer));
    if (!info || info.State.Running) return null;
    this.report(boot, exitFromState(info.State));
    return this.lastExit;
  }

  /** The unexpected exit of the current boot, if it has happened. */
  get exited(): ContainerExit | null {
    return this.lastExit;
  }

  onUnexpectedExit(listener: (exit: ContainerExit) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Once per boot, and never for an exit Skylift asked for or a boot that has been replaced. */
  private report(boot: number, exit: ContainerExit): void {
    if (boot !== this.boot || this.expectedBoot === boot || this.reportedBoot === boot) return;
    this.reportedBoot = boot;
    this.lastExit = exit;
    for (const listener of [...this.listeners]) listener(exit);
  }
}
