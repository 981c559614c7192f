import type Dockerode from 'dockerode';
import { bootStartedAt, followLogs } from './container';

/**
 * After the container is killed its last output still has to arrive (the engine can lag far behind
 * a flood): wait while lines keep coming, up to a cap.
 */
const LOG_DRAIN_IDLE_MS = 2000;
export const LOG_DRAIN_MAX_MS = 30_000;

type OnLine = (line: string, stream: 'stdout' | 'stderr') => void;

/**
 * Follows a session's container output boot by boot (each boot's lines only), and on stop lets the
 * last of it arrive, so a flood is counted whole instead of cut off where the stop happened.
 */
export class LogFollower {
  private readonly stopFollowing = new AbortController();
  private followed: Promise<void> = Promise.resolve();
  private lastOutputAt = 0;
  private booted = false;

  constructor(
    private readonly docker: Dockerode,
    private readonly onLine: OnLine,
  ) {}

  /** Call after each start of the container; the first boot's log is read from its beginning. */
  async follow(container: Dockerode.Container): Promise<void> {
    const since = this.booted ? await bootStartedAt(container) : 0;
    this.booted = true;
    const onLine: OnLine = (line, stream) => {
      this.lastOutputAt = performance.now();
      this.onLine(line, stream);
    };
    // A stopped or removed container ends its log; nothing to report.
    this.followed = followLogs(this.docker, container, onLine, this.stopFollowing.signal, since).catch(() => undefined);
  }

  /** 'ended': the stream closed; 'quiet': no output for a while (nothing more is coming); 'cut': still coming at the cap. */
  async drain(): Promise<'ended' | 'quiet' | 'cut'> {
    const started = performance.now();
    for (;;) {
      if (await withinMs(this.followed, 250)) return 'ended';
      const now = performance.now();
      if (now - this.lastOutputAt > LOG_DRAIN_IDLE_MS) return 'quiet';
      if (now - started > LOG_DRAIN_MAX_MS) return 'cut';
    }
  }

  stop(): void {
    this.stopFollowing.abort();
  }
}

async function withinMs(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const done = await Promise.race([work.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)))]);
  clearTimeout(timer);
  return done;
}
