import type Dockerode from 'dockerode';
import { SkyliftError } from '../../../shared/errors';
import { settleWithin } from '../deadline';
import { sleep } from './http-client';
import { ExitWatch, type ContainerExit } from './container-exit';
import { containerCreateOptions, killContainer, removeContainer, startContainer, type VariantContainerSpec } from './container';
import { LOG_DRAIN_MAX_MS, LogFollower } from './log-follower';
import { lambdaEnvironment, type ImageDefaults } from './lambda/environment';
import { containerPeakMemoryMb } from './lambda/memory-peak';
import { formatReportLine } from './lambda/report';
import { LambdaRuntimeApi } from './lambda/runtime-api-server';
import type { InvocationOutcome, InvokeOptions, LambdaFunctionSettings } from './lambda/types';
import type { ColdStart, Invocation, VariantSession } from './variant-session';

/** Lambda gives a function 512 MB of writable /tmp and a read-only everything else. */
const LAMBDA_TMP = 'rw,size=512m,mode=1777';
/** A killed container is gone in milliseconds; an engine that takes longer is stuck. */
const ENGINE_STOP_DEADLINE_MS = 10_000;
const INIT_POLL_MS = 20;

export interface LambdaSessionOptions {
  network: { name: string; gateway: string };
  settings: LambdaFunctionSettings;
  /** Read the container's peak memory for REPORT's Max Memory Used (an exec per invoke; off for benches). */
  measureMemory: boolean;
  /** The init phase's deadline; default Lambda's 10 s (tests shorten it). */
  initTimeoutMs?: number;
}

/**
 * An aws-lambda variant: one container (one execution environment) driven through Skylift's
 * Runtime API, which listens only on the run network's gateway, where the container reaches it.
 */
export class LambdaVariantSession implements VariantSession {
  readonly variant = 'aws-lambda' as const;
  private container: Dockerode.Container | undefined;
  private api: LambdaRuntimeApi | undefined;
  private runtimeAddress = '';
  private readonly logs: LogFollower;
  private readonly exits = new ExitWatch();
  /** The recycle under way, so an init timeout and an invoke that both want one share it. */
  private recycling: Promise<void> | null = null;
  /** Who hears each output line as it arrives (the Invoke API's log tail), besides onLog. */
  private readonly lineListeners = new Set<(line: string) => void>();

  constructor(
    private readonly docker: Dockerode,
    private readonly spec: VariantContainerSpec,
    private readonly options: LambdaSessionOptions,
    private readonly onLog: (line: string, stream: 'stdout' | 'stderr') => void,
  ) {
    this.logs = new LogFollower(docker, (line, stream) => {
      this.onLog(line, stream);
      for (const listener of this.lineListeners) listener(line);
    });
  }

  get address(): string {
    return this.runtimeAddress;
  }

  /** The function this environment mirrors (its name is what the local Invoke API answers to). */
  get settings(): LambdaFunctionSettings {
    return this.options.settings;
  }

  async start(): Promise<void> {
    const api = new LambdaRuntimeApi(this.options.settings, {
      host: this.options.network.gateway,
      port: 0,
      ...(this.options.measureMemory ? { memoryUsedMb: () => containerPeakMemoryMb(this.docker, this.requireContainer()) } : {}),
      ...(this.options.initTimeoutMs ? { initTimeoutMs: this.options.initTimeoutMs } : {}),
      // Lambda retries a late init at the first invoke, in a fresh environment.
      onInitTimeout: () => void this.recycle().catch((error: Error) => this.onLog(`could not restart the environment after its init timed out: ${error.message}`, 'stderr')),
    });
    this.api = api;
    this.runtimeAddress = (await api.start()).address;
    // The runtime process is the container's: its exit ends what waits on it, as Lambda ends it.
    this.exits.onUnexpectedExit((exit) => {
      if (!exit.lostEngine) api.environmentExited(exit);
    });
    const env = { ...this.spec.env, ...lambdaEnvironment(this.options.settings, await this.imageDefaults(), this.runtimeAddress) };
    const create = containerCreateOptions({ ...this.spec, network: this.options.network.name, publishHttp: false, env });
    create.HostConfig = { ...create.HostConfig, ReadonlyRootfs: true, Tmpfs: { '/tmp': LAMBDA_TMP } };
    this.container = await this.docker.createContainer(create);
    await this.bootEnvironment();
  }

  /**
   * Resolves once the runtime has finished its init (asked for its first event); throws how init
   * failed. Watch mode waits for it before a swap: never swap to an environment that cannot answer.
   */
  async initialized(signal: AbortSignal): Promise<void> {
    for (;;) {
      const init = this.requireApi().initState;
      if (init.state === 'ready') return;
      if (init.state === 'failed') {
        throw new SkyliftError({ code: 'LAMBDA_INIT_FAILED', message: `The function's init failed: ${init.errorType}: ${init.message}`, hint: "Read the container's log above for the traceback and fix the model's load." });
      }
      await sleep(INIT_POLL_MS, signal);
    }
  }

  async invoke(payload: Buffer, signal?: AbortSignal): Promise<Invocation> {
    const started = performance.now();
    const outcome = await this.invokeOutcome(payload, { signal });
    return toInvocation(outcome, performance.now() - started);
  }

  /** One invocation with Lambda's own outcome (request id, REPORT numbers), as the local Invoke API answers it. */
  async invokeOutcome(payload: Buffer, options: InvokeOptions): Promise<InvocationOutcome> {
    const api = this.requireApi();
    // After a timeout, an init error, a missed init deadline or the runtime's exit, Lambda throws the environment away; so do we.
    if (api.needsReset) await this.recycle();
    return api.invoke(payload, options);
  }

  onLogLine(listener: (line: string) => void): () => void {
    this.lineListeners.add(listener);
    return () => this.lineListeners.delete(listener);
  }

  async coldStart(payload: Buffer, signal: AbortSignal): Promise<ColdStart> {
    const started = performance.now();
    await this.recycle();
    const first = await this.invoke(payload, signal);
    const outcome = first as Invocation & { initDurationMs?: number | null };
    return { totalMs: performance.now() - started, setupMs: outcome.initDurationMs ?? null, first };
  }

  /** The environment's peak memory since it (re)started, read outside any timed request (benches run without per-invoke reads). */
  peakMemoryMb(): Promise<number | null> {
    return containerPeakMemoryMb(this.docker, this.requireContainer());
  }

  async health(): Promise<null> {
    return null;
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
    if (this.container) {
      await killContainer(this.container);
      if ((await this.logs.drain()) === 'cut') this.onLog(`… the container's output was still arriving ${LOG_DRAIN_MAX_MS / 1000} s after it stopped: the log above may end early`, 'stderr');
    }
    this.logs.stop();
    if (this.container) await removeContainer(this.container);
    await this.api?.close();
  }

  private recycle(): Promise<void> {
    this.recycling ??= this.restartContainer().finally(() => (this.recycling = null));
    return this.recycling;
  }

  /**
   * Lambda discards an environment by killing it: SIGKILL, not SIGTERM, so a runtime that reports
   * an init error or an answer as it dies cannot pass for the next environment's.
   */
  private async restartContainer(): Promise<void> {
    this.exits.expectExit();
    const container = this.requireContainer();
    await killContainer(container);
    const stopped = await settleWithin(container.wait({ condition: 'not-running' }), ENGINE_STOP_DEADLINE_MS);
    if (stopped.outcome === 'timed-out') throw new Error(`the Docker engine did not stop the old environment within ${ENGINE_STOP_DEADLINE_MS / 1000} s`);
    await this.bootEnvironment();
  }

  private async imageDefaults(): Promise<ImageDefaults> {
    const { Config } = await this.docker.getImage(this.spec.image).inspect();
    return { cmd: Config?.Cmd ?? [], env: Config?.Env ?? [], workingDir: Config?.WorkingDir ?? '' };
  }

  private async bootEnvironment(): Promise<void> {
    this.requireApi().environmentStarted();
    await startContainer(this.requireContainer(), this.variant);
    this.exits.arm(this.requireContainer());
    // A stopped container ends its log stream, so each boot follows anew (that boot's lines only).
    await this.logs.follow(this.requireContainer());
  }

  private requireApi(): LambdaRuntimeApi {
    if (!this.api) throw new Error('session not started');
    return this.api;
  }

  private requireContainer(): Dockerode.Container {
    if (!this.container) throw new Error('session not started');
    return this.container;
  }
}

const STATUS: Record<InvocationOutcome['kind'], number | string> = { success: 200, 'function-error': 'Unhandled', timeout: 'timeout', 'init-error': 'init-error' };

function toInvocation(outcome: InvocationOutcome, latencyMs: number): Invocation & { initDurationMs: number | null } {
  const failed = outcome.kind !== 'success';
  return {
    ok: !failed,
    status: STATUS[outcome.kind],
    body: outcome.payload,
    latencyMs,
    serverDurationMs: outcome.report.durationMs,
    report: formatReportLine(outcome.report),
    initDurationMs: outcome.report.initDurationMs,
    platformReport: { initDurationMs: outcome.report.initDurationMs, billedDurationMs: outcome.report.billedDurationMs, maxMemoryUsedMb: outcome.report.maxMemoryUsedMb, memorySizeMb: outcome.report.memorySizeMb },
    ...(failed ? { functionError: 'errorType' in outcome ? outcome.errorType : 'Unhandled' } : {}),
  };
}
