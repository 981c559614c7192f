import type Dockerode from 'dockerode';
import { ExitWatch, type ContainerExit } from './container-exit';
import { containerCreateOptions, followLogs, removeContainer, startContainer, type VariantContainerSpec } from './container';
import { formatReportLine } from './lambda/report';
import { LambdaRuntimeApi } from './lambda/runtime-api-server';
import type { InvocationOutcome, LambdaFunctionSettings } from './lambda/types';
import type { ColdStart, Invocation, VariantSession } from './variant-session';

/** Lambda gives a function 512 MB of writable /tmp and a read-only everything else. */
const LAMBDA_TMP = 'rw,size=512m,mode=1777';

export interface LambdaSessionOptions {
  network: { name: string; gateway: string };
  settings: LambdaFunctionSettings;
  /** Read the container's peak memory for REPORT's Max Memory Used (a stats call per invoke; off for benches). */
  measureMemory: boolean;
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
  private readonly logsStop = new AbortController();
  private readonly exits = new ExitWatch();

  constructor(
    private readonly docker: Dockerode,
    private readonly spec: VariantContainerSpec,
    private readonly options: LambdaSessionOptions,
    private readonly onLog: (line: string, stream: 'stdout' | 'stderr') => void,
  ) {}

  get address(): string {
    return this.runtimeAddress;
  }

  async start(): Promise<void> {
    this.api = new LambdaRuntimeApi(this.options.settings, {
      host: this.options.network.gateway,
      port: 0,
      ...(this.options.measureMemory ? { memoryUsedMb: () => this.peakMemoryMb() } : {}),
    });
    this.runtimeAddress = (await this.api.start()).address;
    const { settings } = this.options;
    const create = containerCreateOptions({
      ...this.spec,
      network: this.options.network.name,
      publishHttp: false,
      env: {
        ...this.spec.env,
        AWS_LAMBDA_RUNTIME_API: this.runtimeAddress,
        AWS_LAMBDA_FUNCTION_NAME: settings.functionName,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(settings.memoryMb),
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_REGION: settings.region ?? 'us-east-1',
        AWS_DEFAULT_REGION: settings.region ?? 'us-east-1',
        LAMBDA_TASK_ROOT: '/app',
      },
    });
    create.HostConfig = { ...create.HostConfig, ReadonlyRootfs: true, Tmpfs: { '/tmp': LAMBDA_TMP } };
    this.container = await this.docker.createContainer(create);
    await this.bootEnvironment();
  }

  async invoke(payload: Buffer, signal?: AbortSignal): Promise<Invocation> {
    const api = this.requireApi();
    // After a timeout or an init error Lambda throws the environment away; so do we.
    if (api.needsReset) await this.recycle();
    const started = performance.now();
    const outcome = await api.invoke(payload, { signal });
    return toInvocation(outcome, performance.now() - started);
  }

  async coldStart(payload: Buffer, signal: AbortSignal): Promise<ColdStart> {
    const started = performance.now();
    await this.recycle();
    const first = await this.invoke(payload, signal);
    const outcome = first as Invocation & { initDurationMs?: number | null };
    return { totalMs: performance.now() - started, setupMs: outcome.initDurationMs ?? null, first };
  }

  async health(): Promise<null> {
    return null;
  }

  onUnexpectedExit(listener: (exit: ContainerExit) => void): () => void {
    return this.exits.onUnexpectedExit(listener);
  }

  async stop(): Promise<void> {
    this.exits.expectExit();
    this.logsStop.abort();
    if (this.container) await removeContainer(this.container);
    await this.api?.close();
  }

  private async recycle(): Promise<void> {
    this.exits.expectExit();
    await this.requireContainer().stop({ t: 0 }).catch(() => undefined);
    await this.bootEnvironment();
  }

  private async bootEnvironment(): Promise<void> {
    this.requireApi().environmentStarted();
    await startContainer(this.requireContainer(), this.variant);
    this.exits.arm(this.requireContainer());
    // A stopped container ends its log stream, so each boot follows anew; a removal mid-follow is not an error.
    followLogs(this.docker, this.requireContainer(), this.onLog, this.logsStop.signal).catch(() => undefined);
  }

  private async peakMemoryMb(): Promise<number | null> {
    // one-shot: without it the engine waits a full second for a second CPU sample we do not need.
    const stats = (await this.requireContainer().stats({ stream: false, 'one-shot': true } as { stream: false })) as { memory_stats?: { max_usage?: number; usage?: number } };
    const bytes = stats.memory_stats?.max_usage ?? stats.memory_stats?.usage;
    return bytes ? Math.ceil(bytes / 1024 / 1024) : null;
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
    ...(failed ? { functionError: 'errorType' in outcome ? outcome.errorType : 'Unhandled' } : {}),
  };
}
