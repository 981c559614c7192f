import type { ContainerExit } from '../container-exit';
import type { LambdaEnvironment } from '../lambda/invoke-api/types';
import type { InvocationOutcome, InvokeOptions } from '../lambda/types';
import { HttpForwarder, type Upstream } from './http-forwarder';
import type { ColdStart, Invocation, VariantSession } from '../variant-session';

interface Serving {
  session: VariantSession;
  /** Requests on this session not answered yet (Try it's and the forwarder's). */
  inFlight: number;
  idle: Array<() => void>;
}

/**
 * A run's session as the user sees it, in front of whichever container serves now: an HTTP run
 * keeps one address for the whole run (a Skylift forwarder on loopback); an aws-lambda run keeps
 * its Invoke API, whose one execution environment is this. swap() points every new request at a
 * new, ready session, lets the old one finish what it holds (bounded), then stops it.
 */
export class SwappableSession implements VariantSession, LambdaEnvironment {
  private serving: Serving;
  private origin = '';
  private readonly forwarder: HttpForwarder | null;
  private readonly exitListeners = new Set<(exit: ContainerExit) => void>();

  constructor(
    first: VariantSession,
    /** The variant's request deadline: the forwarder's per request, and the longest a swap waits for the old session's requests. */
    private readonly requestDeadlineMs: number,
    /** HTTP: a forwarder holds the address; otherwise the address is the serving session's own. */
    forward: boolean,
  ) {
    this.serving = this.adopt(first);
    this.forwarder = forward ? new HttpForwarder(() => this.upstream(), requestDeadlineMs) : null;
  }

  get variant(): VariantSession['variant'] {
    return this.serving.session.variant;
  }

  /** The forwarder's address with the variant's own route: it stays the same across swaps. */
  get address(): string {
    if (!this.forwarder) return this.serving.session.address;
    const inner = new URL(this.serving.session.address);
    return `${this.origin}${inner.pathname}`;
  }

  /** The container serving now (a test and the watch read it; requests go through the address or invoke()). */
  get current(): VariantSession {
    return this.serving.session;
  }

  /** The first session is already started; this starts the forwarder in front of it. */
  async start(): Promise<void> {
    if (this.forwarder) this.origin = await this.forwarder.start();
  }

  invoke(payload: Buffer, signal?: AbortSignal): Promise<Invocation> {
    return this.using((session) => session.invoke(payload, signal));
  }

  /** Lambda: the Invoke API's invocation, on the environment serving now. */
  invokeOutcome(payload: Buffer, options: InvokeOptions): Promise<InvocationOutcome> {
    return this.using((session) => (session as VariantSession & LambdaEnvironment).invokeOutcome(payload, options));
  }

  /** Lambda: the lines of the environment serving now (the Invoke API's log tail listens for one invocation). */
  onLogLine(listener: (line: string) => void): () => void {
    return (this.serving.session as VariantSession & LambdaEnvironment).onLogLine(listener);
  }

  coldStart(payload: Buffer, signal: AbortSignal): Promise<ColdStart> {
    return this.using((session) => session.coldStart(payload, signal));
  }

  health(): Promise<unknown | null> {
    return this.serving.session.health();
  }

  onUnexpectedExit(listener: (exit: ContainerExit) => void): () => void {
    this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
  }

  checkExit(): Promise<ContainerExit | null> {
    return this.serving.session.checkExit();
  }

  /**
   * From now on every request goes to `next` (started and ready). The old session finishes the
   * requests it holds, for at most the request deadline or until `signal` (the run stopping), then stops.
   */
  async swap(next: VariantSession, signal: AbortSignal): Promise<void> {
    const old = this.serving;
    this.serving = this.adopt(next);
    await drained(old, this.requestDeadlineMs, signal);
    await old.session.stop();
  }

  /** Stops the forwarder, then the container serving now. */
  async stop(): Promise<void> {
    await this.forwarder?.close();
    await this.serving.session.stop();
  }

  private adopt(session: VariantSession): Serving {
    const serving: Serving = { session, inFlight: 0, idle: [] };
    // Only the serving container's death ends the run; an old one being stopped is expected to exit.
    session.onUnexpectedExit((exit) => {
      if (this.serving === serving) for (const listener of this.exitListeners) listener(exit);
    });
    return serving;
  }

  private upstream(): Upstream {
    const serving = this.serving;
    serving.inFlight++;
    return { origin: new URL(serving.session.address).origin, release: () => release(serving) };
  }

  private async using<T>(work: (session: VariantSession) => Promise<T>): Promise<T> {
    const serving = this.serving;
    serving.inFlight++;
    try {
      return await work(serving.session);
    } finally {
      release(serving);
    }
  }
}

function release(serving: Serving): void {
  serving.inFlight--;
  if (serving.inFlight === 0) for (const resolve of serving.idle.splice(0)) resolve();
}

function drained(serving: Serving, deadlineMs: number, signal: AbortSignal): Promise<void> {
  if (serving.inFlight === 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(finish, deadlineMs);
    signal.addEventListener('abort', finish, { once: true });
    serving.idle.push(finish);
    function finish() {
      clearTimeout(timer);
      signal.removeEventListener('abort', finish);
      resolve();
    }
  });
}
