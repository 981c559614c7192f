import type { Job } from '../../../shared/contract';
import { benchRequestSchema } from '../../../shared/contract/runs';
import { ErrorCode, SkyliftError } from '../../../shared/errors';
import type { TargetName } from '../../../shared/project/schema';
import { invokesLikeLambda } from '../../../shared/targets';
import type { DeploymentStore } from '../deployments/deployment-store';
import type { EngineService } from '../engine/engine-service';
import type { JobContext, JobRunner } from '../jobs/job-runner';
import { requireProject } from '../project/project-files';
import type { ProfileService } from '../profiles/profile-service';
import type { PayloadStore } from '../runs/payloads';
import type { RunStore } from '../runs/run-store';
import { runBenchJob } from './bench-job';
import { InvokeApiServer } from './lambda/invoke-api/invoke-api-server';
import { assertEncodablePayload, assertUtf8Payload } from './lambda/payload-encoding';
import { LambdaVariantSession } from './lambda-session';
import { containerExited, RunErrorCode } from './run-errors';
import { createSession, findBuiltImage } from './session-factory';
import { deploymentNamed } from '../deployments/deployment-named';
import type { Invocation, VariantSession } from './variant-session';
import type { WatchStatus } from '../../../shared/contract/watch';
import type { RebuildDeps } from './watch/rebuild';
import { WATCH_OFF, type RunWatch } from './watch/run-watch';
import { SwappableSession } from './watch/swappable-session';
import { notWatchable, runWatchFor, servedSession } from './watch/watched-run';

export interface RunServiceDeps {
  engine: EngineService;
  jobs: JobRunner;
  runs: RunStore;
  payloads: PayloadStore;
  instance: string;
  /** At most this many Lambda execution environments (containers) for one bench; read when a bench starts. */
  maxLambdaEnvironments: () => number;
  /** Settings → Local test: how long an HTTP variant may take to start (load() included); read when a session opens. */
  localStartupTimeoutSeconds: () => number;
  /** A bench of a deployment resolves it through these (skylift.yaml's entry, its profile, what was published). */
  profiles: ProfileService;
  deployments: DeploymentStore;
  /** Watch mode rebuilds through the Build step's own jobs, and finds the build that made the running image. */
  builds: RebuildDeps['builds'];
  jobStore: RebuildDeps['jobStore'];
}

/** A run or invoke may set its own startup deadline; otherwise Settings' applies. */
interface SessionInput {
  dir: string;
  variant: TargetName;
  startupTimeoutSeconds?: number;
}

interface LiveRun {
  session: VariantSession;
  variant: TargetName;
  project: string;
  /** aws-lambda: Lambda's Invoke API for this run, on loopback; Try it shares its environments. */
  invokeApi?: InvokeApiServer;
  /** HTTP runs: rebuild on save, swapping containers behind the run's address. */
  watch?: RunWatch;
}

/** Runs built variants locally under their targets' protocols: run, invoke, bench. */
export class RunService {
  private readonly live = new Map<string, LiveRun>();
  /** The image each open session runs (watch mode rebuilds the first one as it was built). */
  private readonly imageIds = new WeakMap<VariantSession, string>();

  constructor(private readonly deps: RunServiceDeps) {}

  /**
   * Starts a variant and keeps it running until the job is cancelled; Try it talks to it meanwhile.
   * A container that dies on its own ends the job at once, failed with the exit's cause.
   */
  startRun(input: SessionInput & { watch?: boolean }): Job {
    const source = requireProject(input.dir);
    return this.deps.jobs.start({ kind: 'run', title: `Run ${source.config.name} (${input.variant})`, longLived: true }, async (job) => {
      const first = await this.openSession(input, job, true);
      let session = first;
      let unsubscribe = () => {};
      let invokeApi: InvokeApiServer | undefined;
      let watch: RunWatch | undefined;
      try {
        session = await servedSession(first);
        invokeApi = await this.openInvokeApi(first, session, job);
        const openSession = (ctx: JobContext) => this.openSession(input, ctx, true);
        if (session instanceof SwappableSession) watch = runWatchFor({ ...this.deps, ...input, job, session, firstImageId: this.imageIds.get(first) ?? '', openSession });
        this.live.set(job.jobId, { session, variant: input.variant, project: source.config.name, ...(invokeApi ? { invokeApi } : {}), ...(watch ? { watch } : {}) });
        job.log(`${input.variant} is running: ${session.address}`, 'info');
        job.step(1, `Running at ${session.address}`);
        if (input.watch && !watch) throw notWatchable(input.variant);
        if (input.watch) watch?.enable();
        await new Promise<void>((resolve, reject) => {
          job.signal.addEventListener('abort', () => resolve(), { once: true });
          unsubscribe = session.onUnexpectedExit((exit) => reject(containerExited(input.variant, exit, 'idle')));
        });
      } finally {
        unsubscribe();
        this.live.delete(job.jobId);
        await watch?.disable(); // its rebuild cancelled, a container it was starting removed
        await session.stop(); // first, so invocations in flight are answered (ServiceException) before the API closes
        await invokeApi?.close();
      }
    });
  }

  /** A Lambda run also answers Lambda's Invoke API, so the AWS SDK and CLI reach it as they reach the cloud. */
  private async openInvokeApi(first: VariantSession, served: VariantSession, job: JobContext): Promise<InvokeApiServer | undefined> {
    if (!(first instanceof LambdaVariantSession)) return undefined;
    // Its one environment is the run's served session: a swap in watch mode changes the container behind it, not the API.
    const environment = served instanceof SwappableSession ? served : first;
    const api = new InvokeApiServer({ settings: first.settings, environments: [environment], log: (line) => job.log(line, 'info') });
    const endpoint = await api.start();
    job.log(`Invoke API: ${endpoint} (function name: ${api.functionName})`, 'info');
    return api;
  }

  /** The running session of a run job; a run whose container died says so, with the cause. */
  liveRun(jobId: string): LiveRun {
    const run = this.live.get(jobId);
    if (run) return run;
    const ended = this.deps.jobs.get(jobId).error;
    if (ended?.code === RunErrorCode.ContainerExited) throw new SkyliftError({ ...ended, hint: `Start it again once the cause is fixed. ${ended.hint ?? ''}`.trim() });
    throw new SkyliftError({ code: ErrorCode.NotFound, message: 'That run is not running any more.', hint: 'Start the variant again.' });
  }

  /** Turns a run's watch mode on or off; only HTTP runs have one. */
  async setWatch(jobId: string, enabled: boolean): Promise<WatchStatus> {
    const run = this.liveRun(jobId);
    if (!run.watch) throw notWatchable(run.variant);
    if (enabled) run.watch.enable();
    else await run.watch.disable();
    return run.watch.status();
  }

  watchStatus(jobId: string): WatchStatus {
    return this.liveRun(jobId).watch?.status() ?? WATCH_OFF;
  }

  async invokeLive(jobId: string, payload: string): Promise<Invocation> {
    const run = this.liveRun(jobId);
    const bytes = invokesLikeLambda(run.variant) ? assertEncodablePayload(payload) : Buffer.from(payload);
    // Try it takes its turn on the environment the Invoke API also uses, so neither sees the other's request as its own.
    return run.invokeApi ? run.invokeApi.pool.withEnvironment(() => run.session.invoke(bytes)) : run.session.invoke(bytes);
  }

  /** One request through the variant's own protocol in a fresh environment (the CLI's invoke). */
  startInvoke(input: SessionInput & { payload: string | Buffer }): Job {
    const source = requireProject(input.dir);
    if (invokesLikeLambda(input.variant) && Buffer.isBuffer(input.payload)) assertUtf8Payload(input.payload); // refused as Lambda's Invoke does, before a container starts
    return this.deps.jobs.start({ kind: 'invoke', title: `Invoke ${source.config.name} (${input.variant})` }, async (job) => {
      const session = await this.openSession(input, job, true);
      try {
        // Bytes stay bytes: a payload that is not UTF-8 reaches the variant's own check (Lambda refuses it), not a U+FFFD.
        const answer = await session.invoke(Buffer.isBuffer(input.payload) ? input.payload : Buffer.from(input.payload), job.signal);
        if (answer.report) job.log(answer.report, 'info');
        return { ...answer, body: answer.body.toString('utf8') };
      } finally {
        await session.stop();
      }
    });
  }

  /** One request to a local variant in a fresh environment, inside another job (verify compares a deployment's answer with it). */
  async invokeOnce(input: SessionInput & { payload: Buffer }, job: JobContext): Promise<Invocation> {
    const session = await this.openSession(input, job, false);
    try {
      return await session.invoke(input.payload, job.signal);
    } finally {
      await session.stop();
    }
  }

  startBench(input: unknown): Job {
    const asked = benchRequestSchema.parse(input);
    const source = requireProject(asked.dir);
    // A deployment's bench runs its target's image: that is the variant, whatever the request said.
    const request = asked.deployment ? { ...asked, variant: deploymentNamed(source.config, asked.deployment).target } : asked;
    const payloads = this.deps.payloads.resolve(request.dir, request.payloads); // no payload: refuse before a job exists
    if (invokesLikeLambda(request.variant)) for (const payload of payloads) assertUtf8Payload(payload); // Lambda's Invoke would refuse every request
    const deps = { ...this.deps, openSession: (job: JobContext) => this.openSession(request, job, false) };
    const where = request.deployment ? `deployment ${request.deployment}` : request.variant;
    return this.deps.jobs.start({ kind: 'bench', title: `Bench ${source.config.name} (${where})` }, (job) => runBenchJob(deps, request, payloads, job));
  }

  private async openSession({ dir, variant, startupTimeoutSeconds }: SessionInput, job: JobContext, measureMemory: boolean): Promise<VariantSession> {
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
      startupTimeoutMs: (startupTimeoutSeconds ?? this.deps.localStartupTimeoutSeconds()) * 1000,
    });
    try {
      await session.start(job.signal);
    } catch (error) {
      await session.stop().catch(() => undefined);
      throw error;
    }
    this.imageIds.set(session, image.imageId);
    return session;
  }
}
