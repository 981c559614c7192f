import { randomUUID } from 'node:crypto';
import type { BenchProgress, JobResultValue } from '../../../shared/contract/jobs';
import type { BenchRequest, BenchRun, BenchSampleData } from '../../../shared/contract/runs';
import { SkyliftError, type AppError } from '../../../shared/errors';
import { runBench } from '../bench';
import { BenchProgressTracker, coldStartProgress, describeProgress } from '../bench/bench-progress';
import { toAppError } from '../errors';
import type { JobContext } from '../jobs/job-runner';
import { requireProject } from '../project/project-files';
import { summaryFromSamples } from '../runs/run-summary';
import type { SampleWriter } from '../runs/sample-writer';
import type { BenchBackend } from './bench-backend';
import { openCloud, openLocal, type BenchJobDeps } from './bench-open';
import { describeExit, type ContainerExit } from './container-exit';
import { RunErrorCode } from './run-errors';

/** How long a bench whose requests failed at the connection waits for the engine to report an exit. */
const EXIT_REPORT_GRACE_MS = 2000;
/** Live numbers this often: fresh enough to watch, few enough that the job's log stays small. */
const PROGRESS_EVERY_MS = 400;

export type { BenchJobDeps } from './bench-open';

/** The bench job's result, as the contract defines it (jobResultSchemas.bench). */
export type BenchJobResult = JobResultValue<'bench'>;

/**
 * One bench as a job: start the environments (or open the deployment), measure, time cold starts,
 * and store a run that says what happened. Samples reach SQLite as they come; a cancel keeps them
 * (`cancelled`, partial), a container that dies stops the bench and fails it with the exit's cause
 * (`failed`, partial). Local and cloud benches differ only behind a BenchBackend.
 */
export async function runBenchJob(deps: BenchJobDeps, request: BenchRequest, payloads: Buffer[], job: JobContext): Promise<BenchJobResult> {
  const source = requireProject(request.dir);
  let died: (exit: ContainerExit) => void = () => undefined;
  const opened = request.deployment ? await openCloud(deps, request, job) : await openLocal(deps, request, (exit) => died(exit));
  const run: BenchRun = {
    id: randomUUID(),
    jobId: job.jobId,
    project: source.config.name,
    projectDir: source.dir,
    ...opened.run,
    runKind: 'bench',
    settings: request,
    summary: null,
    state: 'running',
    createdAt: new Date().toISOString(),
    failure: null,
    wire: null,
    cost: null,
  };
  try {
    deps.runs.insert(run);
  } catch (error) {
    await opened.backend.stop().catch(() => undefined);
    throw error;
  }
  const bench = new BenchJob(deps, run, payloads, job, opened.backend);
  died = (exit) => bench.containerDied(exit);
  return bench.execute();
}

class BenchJob {
  private readonly stop = new AbortController();
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
    private readonly backend: BenchBackend,
  ) {
    this.request = run.settings;
    this.writer = deps.runs.sampleWriter(run.id);
    if (job.signal.aborted) this.stop.abort();
    else job.signal.addEventListener('abort', this.forwardCancel, { once: true });
  }

  /** A container that dies on its own stops the bench at once; the cause is kept for the run. */
  containerDied(exit: ContainerExit): void {
    if (this.died || this.stop.signal.aborted) return;
    this.died = { exit, atMs: performance.now() - this.origin };
    this.stop.abort();
  }

  async execute(): Promise<BenchJobResult> {
    let error: unknown = null;
    try {
      await this.backend.start(this.job, this.stop.signal);
      await this.measureWarm();
      await this.confirmEnvironmentsAlive();
      await this.measureCold();
    } catch (thrown) {
      error = thrown;
    } finally {
      this.job.signal.removeEventListener('abort', this.forwardCancel);
      await this.backend.stop().catch((stopError: unknown) => this.job.log(`could not put everything back after the bench: ${toAppError(stopError).message}`, 'stderr'));
    }
    const result = this.settle(error);
    await this.storeExtras();
    if (result instanceof Error) throw result;
    return result;
  }

  /** Stores the run's end state; a bench that did not complete gives back what the job should throw. */
  private settle(error: unknown): BenchJobResult | Error {
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
      return this.died ? new SkyliftError(failure) : error instanceof Error ? error : new SkyliftError(failure);
    }
    this.deps.runs.finish(this.run.id, 'complete', summary);
    const warm = summary.warm;
    if (warm) this.job.log(`warm p50 ${warm.p50Ms.toFixed(2)} ms, p99 ${warm.p99Ms.toFixed(2)} ms over ${warm.count} requests`, 'info');
    return { runId: this.run.id, summary };
  }

  /** The wire's share and the cost, for every run that measured something (cancelled and failed ones too); neither can fail the bench. */
  private async storeExtras(): Promise<void> {
    if (this.samples.length === 0) return;
    try {
      const { wire, cost } = await this.backend.extras(this.samples);
      if (wire || cost) this.deps.runs.setWireAndCost(this.run.id, wire, cost);
      if (wire) this.job.log(`client overhead p50 ${wire.clientOverheadMs.p50.toFixed(2)} ms per request; round trip to ${wire.endpoint} p50 ${wire.rttMs.p50.toFixed(2)} ms`, 'info');
      if (cost) this.job.log(`cost per 1M inferences: $${cost.perMillion.total.toFixed(2)}`, 'info');
    } catch (error) {
      this.job.log(`could not work out the client overhead or cost: ${toAppError(error).message}`, 'stderr');
    }
  }

  private async measureWarm(): Promise<void> {
    if (this.stop.signal.aborted) return;
    this.job.step(2, 'Measuring', 3);
    const target = this.backend.warmTarget();
    this.origin = performance.now();
    const live = new BenchProgressTracker(this.request.load);
    const report = () => this.reportProgress(live.snapshot());
    // On a timer, not per answer: elapsed and the rate keep moving while the model stalls.
    const timer = setInterval(report, PROGRESS_EVERY_MS);
    report();
    try {
      await runBench({
        target,
        payloads: this.payloads,
        warmup: this.request.warmup,
        load: this.request.load,
        signal: this.stop.signal,
        onSample: (sample) => {
          live.add(sample);
          this.keep(sample);
        },
        onMeasureStart: () => {
          live.start();
          report();
        },
      });
      report();
    } finally {
      clearInterval(timer);
      this.warmWallMs = performance.now() - this.origin;
      target.close?.();
    }
  }

  /** `origin` is the measured run's start, so cold starts sit on the same timeline as the warm requests. */
  private async measureCold(): Promise<void> {
    const count = this.request.coldStarts;
    if (this.stop.signal.aborted || count === 0) return;
    this.job.step(3, `Cold starts (${count})`, 3);
    let seq = this.samples.reduce((max, s) => Math.max(max, s.seq + 1), 0);
    let notCold = 0;
    let failed = 0;
    const coldOrigin = performance.now();
    const report = (done: number) => this.reportProgress(coldStartProgress(done, count, performance.now() - coldOrigin, failed));
    for (let k = 0; k < count && !this.stop.signal.aborted; k++) {
      report(k);
      const tMs = performance.now() - this.origin;
      const cold = await this.backend.coldStart(this.payloads[0]!, this.stop.signal);
      if (this.stop.signal.aborted) return;
      if (!cold.first.ok) failed += 1;
      if (!cold.cold) {
        notCold += 1;
        const why = cold.first.ok ? 'the platform reported no Init Duration (an environment was reused)' : `it failed (${cold.first.status}) without an Init Duration`;
        this.job.log(`cold start ${k + 1}/${count}: ${why}, so it is not counted as a cold start`, 'stderr');
        continue;
      }
      this.keep({ seq: seq++, tMs, latencyMs: cold.latencyMs, ok: cold.first.ok, status: cold.first.status, cold: true, serverDurationMs: cold.first.serverDurationMs, ...cold.report });
      if (cold.setupMs !== null) this.coldSetupMs.push(cold.setupMs);
      this.job.log(`cold start ${k + 1}/${count}: ${cold.latencyMs.toFixed(0)} ms to first answer${cold.setupMs !== null ? `, setup ${cold.setupMs.toFixed(0)} ms` : ''}`, 'info');
    }
    report(count);
    if (notCold > 0) this.job.log(`${notCold} of ${count} forced cold starts were not cold and are left out of the cold numbers`, 'stderr');
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
      const exit = await this.backend.checkExit();
      if (exit && !this.died) this.died = { exit, atMs: firstFailure.tMs };
      if (this.died) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    } while (performance.now() < deadline);
  }

  /** Progress events carry the live numbers typed (`bench`), the message says them for readers of text. */
  private reportProgress(bench: BenchProgress): void {
    this.job.progress(bench.total ? bench.done / bench.total : null, describeProgress(bench), bench);
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
