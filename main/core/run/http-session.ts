import http from 'node:http';
import type Dockerode from 'dockerode';
import { SkyliftError } from '../../../shared/errors';
import { ExitWatch, type ContainerExit } from './container-exit';
import { containerCreateOptions, killContainer, publishedPort, removeContainer, startContainer, type VariantContainerSpec } from './container';
import { LOG_DRAIN_MAX_MS, LogFollower } from './log-follower';
import { DeadlineExceeded, httpRequest, sleep, type HttpAnswer } from './http-client';
import type { HttpVariant, RequestDeadline } from './http-deadlines';
import { containerExited, requestTimedOut, startupTimedOut, type SessionPhase } from './run-errors';
import type { ColdStart, Invocation, VariantSession } from './variant-session';

const POLL_MS = 10;
const HEALTH_POLL_MS = 50;
const HEALTH_TIMEOUT_MS = 5000;
/** A reset connection usually means the process died; the engine's word on it comes a moment later. */
const EXIT_GRACE_MS = 2000;

interface Routes {
  predict: string;
  health: string;
}

/** The routes each HTTP contract serves: plain HTTP for local, the custom-handler route for Azure. */
export const HTTP_ROUTES: Record<HttpVariant, Routes> = {
  local: { predict: '/predict', health: '/health' },
  'azure-functions': { predict: '/api/predict', health: '/api/health' },
};

type Health = { status?: string; error?: { type?: string; message?: string } | null; setup?: { durationMs?: number | null } };

export interface HttpSessionOptions {
  /** From container start to /health READY (load() included). */
  startupTimeoutMs: number;
  /** Each request, send to last byte. */
  request: RequestDeadline;
  /** Overrides the image's entrypoint (Azure: the adapter itself, not the Functions host). */
  entrypoint?: string[];
}

/**
 * A local or azure-functions variant: one container serving HTTP on a random loopback port.
 * Every wait is bounded (startup deadline, request deadline) and raced against the container's
 * exit, so a dead container is reported with its cause, not as a refused connection or a hang.
 */
export class HttpVariantSession implements VariantSession {
  private container: Dockerode.Container | undefined;
  private baseUrl = '';
  private agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  private readonly logs: LogFollower;
  private readonly exits = new ExitWatch();

  constructor(
    private readonly docker: Dockerode,
    private readonly spec: VariantContainerSpec & { variant: HttpVariant },
    private readonly onLog: (line: string, stream: 'stdout' | 'stderr' | 'info') => void,
    private readonly options: HttpSessionOptions,
  ) {
    this.logs = new LogFollower(docker, onLog);
  }

  get variant(): HttpVariant {
    return this.spec.variant;
  }

  get address(): string {
    return `${this.baseUrl}${HTTP_ROUTES[this.spec.variant].predict}`;
  }

  /** The target's request deadline, for clients that bypass invoke() (the bench's raw HTTP target). */
  get requestDeadlineMs(): number {
    return this.options.request.ms;
  }

  get predictUrl(): string {
    return this.address;
  }

  async start(signal: AbortSignal): Promise<void> {
    const create = containerCreateOptions(this.spec);
    const { entrypoint } = this.options;
    this.container = await this.docker.createContainer(entrypoint ? { ...create, Entrypoint: entrypoint } : create);
    await this.boot();
    await this.waitUntilReady(signal);
  }

  /** Starts the container, learns its (new, random) loopback port and follows its output (this boot's only). */
  private async boot(): Promise<void> {
    const container = this.requireContainer();
    await startContainer(container, this.spec.variant);
    this.exits.arm(container);
    // Before the port: a container that dies at once has no port to read, and its log says why.
    await this.logs.follow(container);
    this.baseUrl = `http://127.0.0.1:${await publishedPort(container).catch((error: unknown) => this.explainFailure(error, 'starting', EXIT_GRACE_MS))}`;
  }

  async invoke(payload: Buffer, signal?: AbortSignal): Promise<Invocation> {
    const dead = this.exits.exited;
    if (dead) throw containerExited(this.variant, dead, 'idle');
    try {
      return toInvocation(await this.post(payload, signal));
    } catch (error) {
      return this.explainFailure(error, 'answering a request', EXIT_GRACE_MS);
    }
  }

  async coldStart(payload: Buffer, signal: AbortSignal): Promise<ColdStart> {
    this.exits.expectExit();
    await this.requireContainer().stop({ t: 2 }).catch(() => undefined);
    // Sockets to the old process are dead, and a restarted container gets a new host port.
    this.agent.destroy();
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
    const started = performance.now();
    await this.boot();
    // Ask until the model answers: connection refused while the process boots, 503 while it loads.
    for (;;) {
      const first = await this.firstAnswer(payload, signal);
      if (first && first.status !== 503) {
        const health = (await this.health().catch(() => null)) as Health | null;
        return { totalMs: performance.now() - started, setupMs: health?.setup?.durationMs ?? null, first };
      }
      if (performance.now() - started > this.options.startupTimeoutMs) throw startupTimedOut(this.variant, this.options.startupTimeoutMs, first ? { status: 'STARTING' } : null);
      await sleep(POLL_MS, signal);
    }
  }

  async health(): Promise<unknown | null> {
    const answer = await httpRequest(`${this.baseUrl}${HTTP_ROUTES[this.spec.variant].health}`, { method: 'GET', agent: this.agent, timeoutMs: HEALTH_TIMEOUT_MS, deadlineMs: HEALTH_TIMEOUT_MS });
    return JSON.parse(answer.body.toString('utf8')) as unknown;
  }

  onUnexpectedExit(listener: (exit: ContainerExit) => void): () => void {
    return this.exits.onUnexpectedExit(listener);
  }

  checkExit(): Promise<ContainerExit | null> {
    return this.exits.check();
  }

  /** Kills the container, lets its last output arrive (bounded), then removes it. */
  async stop(): Promise<void> {
    this.exits.expectExit();
    this.agent.destroy();
    if (this.container) {
      await killContainer(this.container);
      if ((await this.logs.drain()) === 'cut') this.onLog(`… the container's output was still arriving ${LOG_DRAIN_MAX_MS / 1000} s after it stopped: the log above may end early`, 'info');
    }
    this.logs.stop();
    if (this.container) await removeContainer(this.container);
  }

  private async waitUntilReady(signal: AbortSignal): Promise<void> {
    const started = performance.now();
    const { startupTimeoutMs } = this.options;
    let health: Health | null = null;
    for (;;) {
      const exit = this.exits.exited;
      if (exit) throw containerExited(this.variant, exit, health ? 'loading the model' : 'starting');
      health = ((await this.health().catch(() => null)) as Health | null) ?? health;
      if (health?.status === 'READY') return;
      if (health?.status === 'SETUP_FAILED') throw setupFailed(health);
      if (performance.now() - started > startupTimeoutMs) throw startupTimedOut(this.variant, startupTimeoutMs, health);
      await sleep(HEALTH_POLL_MS, signal);
    }
  }

  /** One predict request within the request deadline, abandoned the moment the container dies. */
  private async post(payload: Buffer, signal?: AbortSignal): Promise<HttpAnswer> {
    let unsubscribe = () => {};
    const died = new Promise<never>((_, reject) => {
      unsubscribe = this.exits.onUnexpectedExit((exit) => reject(containerExited(this.variant, exit, 'answering a request')));
    });
    try {
      return await Promise.race([httpRequest(this.address, { method: 'POST', body: payload, agent: this.agent, signal, deadlineMs: this.options.request.ms }), died]);
    } finally {
      unsubscribe();
    }
  }

  /** A cold start's probe: undefined while the process is not listening yet; a dead container or a deadline throws. */
  private async firstAnswer(payload: Buffer, signal: AbortSignal): Promise<Invocation | undefined> {
    if (signal.aborted) throw new DOMException('Cancelled', 'AbortError');
    const exit = this.exits.exited;
    if (exit) throw containerExited(this.variant, exit, 'starting');
    try {
      return toInvocation(await this.post(payload, signal));
    } catch (error) {
      if (error instanceof SkyliftError || error instanceof DeadlineExceeded || signal.aborted) return this.explainFailure(error, 'starting', 0);
      return undefined;
    }
  }

  /** Turns a failed request into what happened: the container's exit (waiting `graceMs` for the engine), a deadline, or the error itself. */
  private async explainFailure(error: unknown, phase: SessionPhase, graceMs: number): Promise<never> {
    if (error instanceof SkyliftError) throw error;
    if (error instanceof DeadlineExceeded) throw requestTimedOut(this.variant, this.options.request);
    if ((error as Error).name === 'AbortError') throw error;
    const exit = this.exits.exited ?? (await this.nextExit(graceMs));
    if (exit) throw containerExited(this.variant, exit, phase);
    throw error;
  }

  private nextExit(graceMs: number): Promise<ContainerExit | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(null), graceMs);
      const unsubscribe = this.exits.onUnexpectedExit((exit) => done(exit));
      const done = (exit: ContainerExit | null) => {
        clearTimeout(timer);
        unsubscribe();
        resolve(exit);
      };
    });
  }

  private requireContainer(): Dockerode.Container {
    if (!this.container) throw new Error('session not started');
    return this.container;
  }
}

function toInvocation(answer: HttpAnswer): Invocation {
  const duration = Number(answer.headers['x-skylift-duration-ms']);
  return { ok: answer.status === 200, status: answer.status, body: answer.body, latencyMs: answer.latencyMs, serverDurationMs: Number.isFinite(duration) ? duration : null };
}

function setupFailed(health: Health): SkyliftError {
  return new SkyliftError({
    code: 'MODEL_SETUP_FAILED',
    message: `The model failed to load: ${health.error?.type ?? 'Error'}: ${health.error?.message ?? 'no message'}`,
    hint: "Read the container's log above for the traceback, fix load() and build again.",
  });
}
