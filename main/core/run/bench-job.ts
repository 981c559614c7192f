import { randomUUID } from 'node:crypto';
import { capWarning, describeEnvironments, lambdaEnvironmentPlan } from '../../../shared/bench/environments';
import type { JobResultValue } from '../../../shared/contract/jobs';
import type { BenchEnvironments, BenchRequest, BenchRun, BenchSampleData, PlatformReport } from '../../../shared/contract/runs';
import { invokesLikeLambda } from '../../../shared/targets';
import { SkyliftError, type AppError } from '../../../shared/errors';
import { httpTarget, runBench } from '../bench';
import type { EngineService } from '../engine/engine-service';
import { toAppError } from '../errors';
import type { JobContext } from '../jobs/job-runner';
import { requireProject } from '../project/project-files';
import { summaryFromSamples } from '../runs/run-summary';
import { readImageDigest } from '../runs/image-digest';
import type { RunStore } from '../runs/run-store';
import type { SampleWriter } from '../runs/sample-writer';
import { describeExit, type ContainerExit } from './container-exit';
import { HttpVariantSession } from './http-session';
import { RunErrorCode } from './run-errors';
import { findBuiltImage } from './session-factory';
import { sessionPoolTarget } from './session-pool';
import type { Invocation, VariantSession } from './variant-session';

/** Containers started at once for a Lambda bench: enough to be quick, few enough not to swamp the engine. */
const STARTS_AT_ONCE = 8;
/** How long a bench whose requests failed at the connection waits for the engine to report an exit. */
const EXIT_REPORT_GRACE_MS = 2000;

export interface BenchJobDeps {
  engine: EngineService;
  runs: RunStore;
  /** The Settings cap on Lambda environments, read when the bench starts. */
  maxLambdaEnvironments: () => number;
  /** Starts one fresh environment of the bench's variant (RunService's own session start). */
  openSession: (job: JobContext) => Promise<VariantSession>;
}

/** The bench job's result, as the contract defines it (jobResultSchemas.bench). */
export type BenchJobResult = JobResultValue<'bench'>;

/** The environments a bench of this variant starts: null for HTTP variants (one container takes every request). */
export function benchEnvironments(request: BenchRequest, cap: number): BenchEnvironments | null {
  return invokesLikeLambda(request.variant) ? lambdaEnvironmentPlan(request.load, cap) : null;
}

/**
 * One bench as a job: start the environments, measure, time cold starts, and store a run that says
 * what happened. Samples reach SQLite as they come; a cancel keeps them (`cancelled`, partial), a
 * container that dies stops the bench and fails it with the exit's cause (`failed`, partial).
 */
export async function runBenchJob(deps: BenchJobDeps, request: BenchRequest, payloads: Buffer[], job: JobContext): Promise<BenchJobResult> {
  const source = requireProject(request.dir);
  const { docker } = deps.engine.connect();
  const image = await findBuiltImage(docker, source.config, request.variant, request.dir);
  const environments = benchEnvironments(request, deps.maxLambdaEnvironments());
  const run: BenchRun = {
    id: randomUUID(),
    jobId: job.jobId,
    project: source.config.name,
    projectDir: source.dir,
    variant: request.variant,
    target: { kind: 'local', variant: request.variant },
    runKind: 'bench',
    imageId: image.imageId,
    imageTag: image.tag,
    imageDigest: await readImageDigest(docker, image.imageId),
    settings: request,
    summary: null,
    state: 'running',
    createdAt: new Date().toISOString(),
    environments,
    failure: null,
    wire: null,
    cost: null,
  };
  deps.runs.insert(run);
  return new BenchJob(deps, run, payloads, job).execute();
}

class BenchJob {
  private readonly stop = new AbortController();
  private readonly sessions: VariantSession[] = [];
  private readonly unsubscribes: Array<() => void> = [];
  private readonly samples: BenchSampleData[] = [];
  private readonly writer: SampleWriter;
  private readonly request: BenchRequest;
  private died: { exit: ContainerExit; atMs: number } | null = null;
  private origin = performance.now();
  private warmWallMs: number | undefined;
  private readonly coldSetupMs: number[] = [];
  private readonly forwardCancel = () => this.stop.abort();

  constructor(
    private readonly deps: BenchJobDeps,
    private readonly run: BenchRun,
    private readonly payloads: Buffer[],
    private readonly job: JobContext,
  ) {
    this.request = run.settings;
    this.writer = deps.runs.sampleWriter(run.id);
    if (job.signal.aborted) this.stop.abort();
    else job.signal.addEventListener('abort', this.forwardCancel, { once: true });
  }

  async execute(): Promise<BenchJobResult> {
    let error: unknown = null;
    try {
      await this.startEnvironments();
      await this.measureWarm();
      await this.confirmEnvironmentsAlive();
      await this.measureCold();
    } catch (thrown) {
      error = thrown;
    } finally {
      this.job.signal.removeEventListener('abort', this.forwardCancel);
      for (const unsubscribe of this.unsubscribes) unsubscribe();
      await Promise.all(this.sessions.map((s) => s.stop().catch(() => undefined)));
    }
    return this.settle(error);
  }

  /** Stores the run's end state; a bench that did not complete throws what the job should say. */
  private settle(error: unknown): BenchJobResult {
    try {
      this.writer.close();
    } catch (writeError) {
      error ??= writeError;
    }
    const partial = error !== null || this.stop.signal.aborted;
    const summary = summaryFromSamples(this.samples, { partial, warmWallMs: this.warmWallMs, coldSetupMs: this.coldSetupMs });
    if (this.job.signal.aborted) {
      this.deps.runs.finish(this.run.id, 'cancelled', summary);
      return { runId: this.run.id, summary };
    }
    const failure = this.died ? this.exitFailure(this.died.exit, this.died.atMs) : error !== null ? toAppError(error) : null;
    if (failure) {
      this.deps.runs.finish(this.run.id, 'failed', summary, failure);
      throw this.died ? new SkyliftError(failure) : error;
    }
    this.deps.runs.finish(this.run.id, 'complete', summary);
    const warm = summary.warm;
    if (warm) this.job.log(`warm p50 ${warm.p50Ms.toFixed(2)} ms, p99 ${warm.p99Ms.toFixed(2)} ms over ${warm.count} requests`, 'info');
    return { runId: this.run.id, summary };
  }

  private async startEnvironments(): Promise<void> {
    const environments = this.run.environments;
    const count = environments?.effective ?? 1;
    const warning = environments && capWarning(environments);
    if (warning) this.job.log(warning, 'info');
    this.job.step(1, environments ? `Starting ${describeEnvironments(environments)}` : 'Starting the container', 3);
    for (let started = 0; started < count && !this.stop.signal.aborted; started += STARTS_AT_ONCE) {
      const batch = Array.from({ length: Math.min(STARTS_AT_ONCE, count - started) }, () => this.deps.openSession(this.job));
      const opened = await Promise.allSettled(batch);
      for (const result of opened) if (result.status === 'fulfilled') this.watch(result.value);
      const failed = opened.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
    }
  }

  /** A container that dies on its own stops the bench at once; the cause is kept for the run. */
  private watch(session: VariantSession): void {
    this.sessions.push(session);
    this.unsubscribes.push(
      session.onUnexpectedExit((exit) => {
        if (this.died || this.stop.signal.aborted) return;
        this.died = { exit, atMs: performance.now() - this.origin };
        this.stop.abort();
      }),
    );
  }

  private async measureWarm(): Promise<void> {
    if (this.stop.signal.aborted) return;
    this.job.step(2, 'Measuring', 3);
    const first = this.sessions[0];
    const target = first instanceof HttpVariantSession ? httpTarget(first.predictUrl, { maxSockets: 256, timeoutMs: first.requestDeadlineMs }) : sessionPoolTarget(this.sessions);
    this.origin = performance.now();
    try {
      await runBench({
        target,
        payloads: this.payloads,
        warmup: this.request.warmup,
        load: this.request.load,
        signal: this.stop.signal,
        onSample: (sample) => this.keep(sample),
        onProgress: (done, total) => this.job.progress(total ? done / total : null, `${done} requests`),
      });
    } finally {
      this.warmWallMs = performance.now() - this.origin;
      if ('close' in target && typeof target.close === 'function') target.close();
    }
  }

  /** `origin` is the measured run's start, so cold starts sit on the same timeline as the warm requests. */
  private async measureCold(): Promise<void> {
    const count = this.request.coldStarts;
    if (this.stop.signal.aborted || count === 0) return;
    this.job.step(3, `Cold starts (${count})`, 3);
    let seq = this.samples.reduce((max, s) => Math.max(max, s.seq + 1), 0);
    for (let k = 0; k < count && !this.stop.signal.aborted; k++) {
      const tMs = performance.now() - this.origin;
      const cold = await this.sessions[0].coldStart(this.payloads[0], this.stop.signal);
      if (this.stop.signal.aborted) return;
      const report = await this.coldReport(cold.first);
      this.keep({ seq: seq++, tMs, latencyMs: cold.totalMs, ok: cold.first.ok, status: cold.first.status, cold: true, serverDurationMs: cold.first.serverDurationMs, ...report });
      if (cold.setupMs !== null) this.coldSetupMs.push(cold.setupMs);
      this.job.log(`cold start ${k + 1}/${count}: ${cold.totalMs.toFixed(0)} ms to first answer${cold.setupMs !== null ? `, setup ${cold.setupMs.toFixed(0)} ms` : ''}`, 'info');
    }
  }

  /**
   * A cold start's REPORT numbers. Benches read no memory per invoke (an exec each would sit inside
   * the measured time), so a Lambda environment's peak (init and the first request) is read here,
   * after the timed answer; warm samples leave Max Memory Used out.
   */
  private async coldReport(first: Invocation): Promise<PlatformReport> {
    const report = first.platformReport ?? { initDurationMs: null, billedDurationMs: null, maxMemoryUsedMb: null };
    const session = this.sessions[0];
    if (report.maxMemoryUsedMb !== null || !session.peakMemoryMb) return report;
    const peak = await session.peakMemoryMb();
    return { ...report, maxMemoryUsedMb: peak === null ? null : Math.ceil(peak) };
  }

  /**
   * Requests that fail in milliseconds (a dead container refuses them) can finish a bench before the
   * engine's exit report arrives: when any failed, ask the engine before calling the run complete.
   */
  private async confirmEnvironmentsAlive(): Promise<void> {
    const firstFailure = this.samples.find((s) => s.status === 'error');
    if (this.died || this.stop.signal.aborted || !firstFailure) return;
    // A refused connection comes back before the engine has even marked the container stopped.
    const deadline = performance.now() + EXIT_REPORT_GRACE_MS;
    do {
      for (const session of this.sessions) {
        const exit = await session.checkExit();
        if (exit && !this.died) this.died = { exit, atMs: firstFailure.tMs };
      }
      if (this.died) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    } while (performance.now() < deadline);
  }

  private keep(sample: BenchSampleData): void {
    this.samples.push(sample);
    this.writer.add(sample);
  }

  private exitFailure(exit: ContainerExit, atMs: number): AppError {
    const measured = this.samples.filter((s) => !s.cold).length;
    return {
      code: RunErrorCode.ContainerExited,
      message: `The ${this.run.variant} container ${describeExit(exit)}, ${(atMs / 1000).toFixed(1)} s into the bench; the bench stopped there. The ${measured.toLocaleString('en-US')} requests measured before it are kept, marked partial.`,
      hint: exit.oomKilled
        ? `The model ran out of memory: raise targets.${this.run.variant}.memoryMb in skylift.yaml, or make predict use less memory.`
        : 'The bench log shows the model\'s last output before it exited; fix the crash and run the bench again.',
      details: { exitCode: exit.exitCode, oomKilled: exit.oomKilled, finishedAt: exit.finishedAt, ...(exit.lostEngine ? { lostEngine: exit.lostEngine } : {}) },
    };
  }
}
