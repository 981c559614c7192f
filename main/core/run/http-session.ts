import http from 'node:http';
import type Dockerode from 'dockerode';
import { SkyliftError } from '../../../shared/errors';
import type { TargetName } from '../../../shared/project/schema';
import { ExitWatch, type ContainerExit } from './container-exit';
import { containerCreateOptions, followLogs, publishedPort, removeContainer, startContainer, type VariantContainerSpec } from './container';
import { httpRequest, sleep } from './http-client';
import type { ColdStart, Invocation, VariantSession } from './variant-session';

const READY_TIMEOUT_MS = 5 * 60_000;
const POLL_MS = 10;

interface Routes {
  predict: string;
  health: string;
}

/** The routes each HTTP contract serves: plain HTTP for local, the custom-handler route for Azure. */
export const HTTP_ROUTES: Record<Exclude<TargetName, 'aws-lambda'>, Routes> = {
  local: { predict: '/predict', health: '/health' },
  'azure-functions': { predict: '/api/predict', health: '/api/health' },
};

type Health = { status?: string; error?: { type?: string; message?: string } | null; setup?: { durationMs?: number | null } };

/** A local or azure-functions variant: one container serving HTTP on a random loopback port. */
export class HttpVariantSession implements VariantSession {
  private container: Dockerode.Container | undefined;
  private baseUrl = '';
  private agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  private readonly logsStop = new AbortController();
  private readonly exits = new ExitWatch();

  constructor(
    private readonly docker: Dockerode,
    private readonly spec: VariantContainerSpec & { variant: Exclude<TargetName, 'aws-lambda'> },
    private readonly onLog: (line: string, stream: 'stdout' | 'stderr') => void,
    /** Overrides the image's entrypoint (Azure: the adapter itself, not the Functions host). */
    private readonly entrypoint?: string[],
  ) {}

  get variant(): TargetName {
    return this.spec.variant;
  }

  get address(): string {
    return `${this.baseUrl}${HTTP_ROUTES[this.spec.variant].predict}`;
  }

  get predictUrl(): string {
    return this.address;
  }

  async start(signal: AbortSignal): Promise<void> {
    const create = containerCreateOptions(this.spec);
    this.container = await this.docker.createContainer(this.entrypoint ? { ...create, Entrypoint: this.entrypoint } : create);
    await this.boot();
    await this.waitUntilReady(signal);
  }

  /** Starts the container, learns its (new, random) loopback port and follows its output. */
  private async boot(): Promise<void> {
    const container = this.requireContainer();
    await startContainer(container, this.spec.variant);
    this.exits.arm(container);
    this.baseUrl = `http://127.0.0.1:${await publishedPort(container)}`;
    // A container stopped or removed mid-follow ends its log; nothing to report.
    followLogs(this.docker, container, this.onLog, this.logsStop.signal).catch(() => undefined);
  }

  async invoke(payload: Buffer, signal?: AbortSignal): Promise<Invocation> {
    const answer = await httpRequest(this.address, { method: 'POST', body: payload, agent: this.agent, signal });
    const duration = Number(answer.headers['x-skylift-duration-ms']);
    return { ok: answer.status === 200, status: answer.status, body: answer.body, latencyMs: answer.latencyMs, serverDurationMs: Number.isFinite(duration) ? duration : null };
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
      if (signal.aborted) throw new DOMException('Cancelled', 'AbortError');
      const first = await this.invoke(payload, signal).catch(() => undefined);
      if (first && first.status !== 503) {
        const health = (await this.health()) as Health | null;
        return { totalMs: performance.now() - started, setupMs: health?.setup?.durationMs ?? null, first };
      }
      if (performance.now() - started > READY_TIMEOUT_MS) throw this.notReady('did not answer');
      await sleep(POLL_MS, signal);
    }
  }

  async health(): Promise<unknown | null> {
    const answer = await httpRequest(`${this.baseUrl}${HTTP_ROUTES[this.spec.variant].health}`, { method: 'GET', agent: this.agent, timeoutMs: 5000 });
    return JSON.parse(answer.body.toString('utf8')) as unknown;
  }

  onUnexpectedExit(listener: (exit: ContainerExit) => void): () => void {
    return this.exits.onUnexpectedExit(listener);
  }

  async stop(): Promise<void> {
    this.exits.expectExit();
    this.logsStop.abort();
    this.agent.destroy();
    if (this.container) await removeContainer(this.container);
  }

  private async waitUntilReady(signal: AbortSignal): Promise<void> {
    const started = performance.now();
    for (;;) {
      const health = (await this.health().catch(() => null)) as Health | null;
      if (health?.status === 'READY') return;
      if (health?.status === 'SETUP_FAILED') {
        throw new SkyliftError({
          code: 'MODEL_SETUP_FAILED',
          message: `The model failed to load: ${health.error?.type ?? 'Error'}: ${health.error?.message ?? 'no message'}`,
          hint: "Read the container's log above for the traceback, fix load() and build again.",
        });
      }
      const state = await this.requireContainer().inspect();
      if (!state.State.Running) throw this.notReady(`exited with code ${state.State.ExitCode}`);
      if (performance.now() - started > READY_TIMEOUT_MS) throw this.notReady('was not ready after 5 minutes');
      await sleep(50, signal);
    }
  }

  private notReady(what: string): SkyliftError {
    return new SkyliftError({ code: 'VARIANT_NOT_READY', message: `The ${this.spec.variant} container ${what}.`, hint: "Read the container's log for the cause." });
  }

  private requireContainer(): Dockerode.Container {
    if (!this.container) throw new Error('session not started');
    return this.container;
  }
}
