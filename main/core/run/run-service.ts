import { randomUUID } from 'node:crypto';
import type { Job } from '../../../shared/contract';
import { benchRequestSchema, type BenchRun, type BenchSampleData } from '../../../shared/contract/runs';
import { ErrorCode, SkyliftError } from '../../../shared/errors';
import type { TargetName } from '../../../shared/project/schema';
import { httpTarget, runBench, summarise } from '../bench';
import type { EngineService } from '../engine/engine-service';
import type { JobContext, JobRunner } from '../jobs/job-runner';
import { requireProject } from '../project/project-files';
import type { PayloadStore } from '../runs/payloads';
import type { RunStore } from '../runs/run-store';
import { HttpVariantSession } from './http-session';
import { createSession, findBuiltImage } from './session-factory';
import { sessionPoolTarget } from './session-pool';
import type { Invocation, VariantSession } from './variant-session';

export interface RunServiceDeps {
  engine: EngineService;
  jobs: JobRunner;
  runs: RunStore;
  payloads: PayloadStore;
  instance: string;
  /** At most this many Lambda execution environments (containers) for one bench; read when a bench starts. */
  maxLambdaEnvironments: () => number;
}

interface LiveRun {
  session: VariantSession;
  variant: TargetName;
  project: string;
}

/** Runs built variants locally under their targets' protocols: run, invoke, bench. */
export class RunService {
  private readonly live = new Map<string, LiveRun>();

  constructor(private readonly deps: RunServiceDeps) {}

  /** Starts a variant and keeps it running until the job is cancelled; Try it talks to it meanwhile. */
  startRun(input: { dir: string; variant: TargetName }): Job {
    const source = requireProject(input.dir);
    return this.deps.jobs.start({ kind: 'run', title: `Run ${source.config.name} (${input.variant})` }, async (job) => {
      const session = await this.openSession(input.dir, input.variant, job, true);
      try {
        this.live.set(job.jobId, { session, variant: input.variant, project: source.config.name });
        job.log(`${input.variant} is running: ${session.address}`, 'info');
        job.step(1, `Running at ${session.address}`);
        await new Promise<void>((resolve) => job.signal.addEventListener('abort', () => resolve(), { once: true }));
      } finally {
        this.live.delete(job.jobId);
        await session.stop();
      }
    });
  }

  liveRun(jobId: string): LiveRun {
    const run = this.live.get(jobId);
    if (!run) throw new SkyliftError({ code: ErrorCode.NotFound, message: 'That run is not running any more.', hint: 'Start the variant again.' });
    return run;
  }

  async invokeLive(jobId: string, payload: string): Promise<Invocation> {
    return this.liveRun(jobId).session.invoke(Buffer.from(payload));
  }

  /** One request through the variant's own protocol in a fresh environment (the CLI's invoke). */
  startInvoke(input: { dir: string; variant: TargetName; payload: string }): Job {
    const source = requireProject(input.dir);
    return this.deps.jobs.start({ kind: 'invoke', title: `Invoke ${source.config.name} (${input.variant})` }, async (job) => {
      const session = await this.openSession(input.dir, input.variant, job, true);
      try {
        const answer = await session.invoke(Buffer.from(input.payload), job.signal);
        if (answer.report) job.log(answer.report, 'info');
        return { ...answer, body: answer.body.toString('utf8') };
      } finally {
        await session.stop();
      }
    });
  }

  startBench(input: unknown): Job {
    const request = benchRequestSchema.parse(input);
    const source = requireProject(request.dir);
    const payloads = this.deps.payloads.resolve(request.dir, request.payloads); // no payload: refuse before a job exists
    return this.deps.jobs.start({ kind: 'bench', title: `Bench ${source.config.name} (${request.variant})` }, (job) => this.bench(request, source.config.name, payloads, job));
  }

  private async bench(request: ReturnType<typeof benchRequestSchema.parse>, project: string, payloads: Buffer[], job: JobContext) {
    const source = requireProject(request.dir);
    const { docker } = this.deps.engine.connect();
    const image = await findBuiltImage(docker, source.config, request.variant, request.dir);
    const run: BenchRun = {
      id: randomUUID(),
      jobId: job.jobId,
      project,
      projectDir: source.dir,
      variant: request.variant,
      target: `local/${request.variant}`,
      imageId: image.imageId,
      imageTag: image.tag,
      settings: request,
      summary: null,
      state: 'running',
      createdAt: new Date().toISOString(),
    };
    this.deps.runs.insert(run);
    const environments = request.variant === 'aws-lambda' ? this.lambdaEnvironments(request.load) : 1;
    const sessions: VariantSession[] = [];
    try {
      job.step(1, `Starting ${environments} environment${environments > 1 ? 's' : ''}`, 3);
      for (let i = 0; i < environments; i++) {
        const session = await this.openSession(request.dir, request.variant, job, false);
        sessions.push(session);
      }
      job.step(2, 'Measuring', 3);
      const target = sessions[0] instanceof HttpVariantSession ? httpTarget(sessions[0].predictUrl, { maxSockets: 256 }) : sessionPoolTarget(sessions);
      const started = performance.now();
      const warm = await runBench({
        target,
        payloads,
        warmup: request.warmup,
        load: request.load,
        signal: job.signal,
        onProgress: (done, total) => job.progress(total ? done / total : null, `${done} requests`),
      });
      const warmWall = performance.now() - started;
      if ('close' in target && typeof target.close === 'function') target.close();
      job.step(3, `Cold starts (${request.coldStarts})`, 3);
      const { samples: cold, setupMs } = await this.coldStarts(sessions[0], payloads[0], request.coldStarts, warm.length, job, started);
      const summary = {
        warm: warm.length > 0 ? summarise(warm, warmWall) : null,
        cold: cold.length > 0 ? summarise(cold, cold.reduce((sum, s) => sum + s.latencyMs, 0)) : null,
        coldSetupMs: setupMs,
      };
      this.deps.runs.addSamples(run.id, [...warm, ...cold]);
      this.deps.runs.finish(run.id, 'complete', summary);
      job.log(`warm p50 ${summary.warm?.p50Ms.toFixed(2)} ms, p99 ${summary.warm?.p99Ms.toFixed(2)} ms over ${summary.warm?.count} requests`, 'info');
      return { runId: run.id, summary };
    } catch (error) {
      this.deps.runs.finish(run.id, job.signal.aborted ? 'cancelled' : 'failed', null);
      throw error;
    } finally {
      await Promise.all(sessions.map((s) => s.stop().catch(() => undefined)));
    }
  }

  /** `origin` is the measured run's start, so cold starts sit on the same timeline as the warm requests. */
  private async coldStarts(session: VariantSession, payload: Buffer, count: number, firstSeq: number, job: JobContext, origin: number) {
    const samples: BenchSampleData[] = [];
    const setupMs: number[] = [];
    for (let k = 0; k < count; k++) {
      const tMs = performance.now() - origin;
      const cold = await session.coldStart(payload, job.signal);
      samples.push({ seq: firstSeq + k, tMs, latencyMs: cold.totalMs, ok: cold.first.ok, status: cold.first.status, cold: true, serverDurationMs: cold.first.serverDurationMs });
      if (cold.setupMs !== null) setupMs.push(cold.setupMs);
      job.log(`cold start ${k + 1}/${count}: ${cold.totalMs.toFixed(0)} ms to first answer${cold.setupMs !== null ? `, setup ${cold.setupMs.toFixed(0)} ms` : ''}`, 'info');
    }
    return { samples, setupMs };
  }

  private lambdaEnvironments(load: ReturnType<typeof benchRequestSchema.parse>['load']): number {
    const cap = this.deps.maxLambdaEnvironments();
    return Math.max(1, Math.min(cap, load.mode === 'closed' ? load.concurrency : cap));
  }

  private async openSession(dir: string, variant: TargetName, job: JobContext, measureMemory: boolean): Promise<VariantSession> {
    const source = requireProject(dir);
    const { docker } = this.deps.engine.connect();
    const image = await findBuiltImage(docker, source.config, variant, dir);
    job.log(`starting ${image.tag} (${image.imageId.slice(7, 19)})`, 'info');
    const session = await createSession(this.deps.engine, image, {
      config: source.config,
      variant,
      jobId: job.jobId,
      instance: this.deps.instance,
      measureMemory,
      onLog: (line, stream) => job.log(line, stream),
    });
    try {
      await session.start(job.signal);
    } catch (error) {
      await session.stop().catch(() => undefined);
      throw error;
    }
    return session;
  }
}
