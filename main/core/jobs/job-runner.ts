import { randomUUID } from 'node:crypto';
import { ErrorCode, SkyliftError, jobResultSchemas, terminalJobStates, type Job, type JobEvent, type BenchProgress, type JobEventInput, type JobKind, type JobResultValue, type JobState } from '../../../shared/contract';
import { internalError, toAppError } from '../errors';
import { redactDeep } from '../redact';
import type { EventBus } from '../events';
import type { JobStore } from './job-store';
import { isOtherLiveProcess } from './process-identity';

export interface JobContext {
  readonly jobId: string;
  readonly signal: AbortSignal;
  log(line: string, stream?: 'stdout' | 'stderr' | 'info'): void;
  progress(fraction: number | null, message?: string, bench?: BenchProgress): void;
  step(index: number, name: string, total?: number): void;
}

export type JobBody<T> = (ctx: JobContext) => Promise<T>;

/** A job that gives back nothing (a run) may end with undefined; it is stored as null. */
type BodyResult<K extends JobKind> = JobResultValue<K> | (null extends JobResultValue<K> ? void : never);

export interface JobSpec<K extends JobKind = JobKind> {
  /** Which kind of job: its result must match jobResultSchemas[kind]. */
  kind: K;
  title: string;
  /**
   * A session that lives until it is cancelled (an open "Try it" run). It starts at once and takes
   * no slot: four open runs must not leave the next build queued forever.
   */
  longLived?: boolean;
}

export interface JobRunnerOptions {
  store: JobStore;
  bus: EventBus;
  /** How many jobs run at once; the rest wait as `queued`. */
  concurrency?: number;
  /** Applied to every log line and message before it is stored or sent (secrets out). */
  redact?: (text: string) => string;
  /** Where a job's unexpected error goes with its stack (logs/skylift.log); the user sees only its first line. */
  logError?: (context: string, error: unknown) => void;
  now?: () => Date;
}

interface Active {
  job: Job;
  /** Counts against the concurrency limit (every job but a long-lived session). */
  takesSlot: boolean;
  controller: AbortController;
  nextSeq: number;
  settled: Promise<Job>;
  start: () => void;
}

/** Runs long work as jobs: ordered persisted events, cancellation, a concurrency limit. */
export class JobRunner {
  private readonly active = new Map<string, Active>();
  private readonly queue: string[] = [];
  private running = 0;
  private readonly concurrency: number;
  private readonly redact: (text: string) => string;
  private readonly now: () => Date;

  constructor(private readonly options: JobRunnerOptions) {
    this.concurrency = options.concurrency ?? 4;
    this.redact = options.redact ?? ((text) => text);
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Jobs still marked queued or running whose process has died were cut off: say so honestly.
   * Jobs of another live Skylift process on the same data (the app and the CLI) are left alone.
   */
  sweepInterrupted(): Job[] {
    const stale = this.options.store
      .listInState(['queued', 'running'])
      .filter((job) => !this.active.has(job.id) && !isOtherLiveProcess(job.owner))
      .map(({ owner: _owner, ...job }) => job);
    return stale.map((job) =>
      this.save({
        ...job,
        state: 'interrupted',
        endedAt: this.stamp(),
        error: { code: 'INTERRUPTED', message: 'Skylift stopped while this job was running.', hint: 'Run it again.' },
      }),
    );
  }

  /** Is this job running in this process right now? */
  isActive(jobId: string): boolean {
    return this.active.has(jobId);
  }

  start<K extends JobKind>(spec: JobSpec<K>, body: JobBody<BodyResult<K>>): Job {
    const job: Job = { id: randomUUID(), kind: spec.kind, title: spec.title, state: 'queued', createdAt: this.stamp(), startedAt: null, endedAt: null, error: null };
    this.options.store.insert(job);
    this.options.bus.emit('jobs:changed', job);

    const controller = new AbortController();
    let start!: () => void;
    const begun = new Promise<void>((resolve) => (start = resolve));
    const entry: Active = { job, takesSlot: !spec.longLived, controller, nextSeq: 0, start, settled: Promise.resolve(job) };
    entry.settled = begun.then(() => this.execute(entry, body));
    this.active.set(job.id, entry);
    if (entry.takesSlot) {
      this.queue.push(job.id);
      this.pump();
    } else entry.start();
    return job;
  }

  /** Resolves with the job once it has reached a final state. */
  async wait(jobId: string): Promise<Job> {
    const entry = this.active.get(jobId);
    if (entry) return entry.settled;
    return this.get(jobId);
  }

  async cancel(jobId: string): Promise<Job> {
    const entry = this.active.get(jobId);
    if (!entry) return this.get(jobId);
    entry.controller.abort();
    const queuedAt = this.queue.indexOf(jobId);
    if (queuedAt >= 0) {
      this.queue.splice(queuedAt, 1);
      this.finish(entry, 'cancelled', null);
      entry.start(); // lets `settled` resolve; execute() sees the job already finished
    }
    return entry.settled;
  }

  /** Cancels everything still in flight; used when the app quits. */
  async cancelAll(): Promise<void> {
    await Promise.all([...this.active.keys()].map((id) => this.cancel(id)));
  }

  /** The job as it stands now. */
  get(jobId: string): Job {
    const job = this.options.store.get(jobId);
    if (!job) throw new SkyliftError({ code: ErrorCode.NotFound, message: `No job with id ${jobId}.`, hint: 'It may have been removed; refresh the list.' });
    return job;
  }

  private pump(): void {
    while (this.running < this.concurrency && this.queue.length > 0) {
      const id = this.queue.shift()!;
      const entry = this.active.get(id);
      if (!entry) continue;
      this.running++;
      entry.start();
    }
  }

  private async execute(entry: Active, body: JobBody<unknown>): Promise<Job> {
    if (terminalJobStates.includes(entry.job.state)) return this.release(entry, false);
    entry.job = this.save({ ...entry.job, state: 'running', startedAt: this.stamp() });
    try {
      const value = await body(this.context(entry));
      if (entry.controller.signal.aborted) throw new DOMException('Cancelled', 'AbortError');
      this.emit(entry, { type: 'result', value: this.checkedResult(entry.job, value ?? null) });
      this.finish(entry, 'succeeded', null);
    } catch (error) {
      if (entry.controller.signal.aborted) this.finish(entry, 'cancelled', null);
      else this.finish(entry, 'failed', error);
    }
    return this.release(entry, true);
  }

  /**
   * The result as its kind's schema reads it (undeclared fields dropped, as dispatch drops them from
   * answers). One that does not match is Skylift's bug: the log gets the fields, the job fails with
   * an internal error rather than store a result its readers would misread.
   */
  private checkedResult(job: Job, value: unknown): JobResultValue<JobKind> {
    const schema = jobResultSchemas[job.kind as JobKind];
    const parsed = schema ? schema.safeParse(value) : null;
    if (parsed?.success) return parsed.data;
    const fields = parsed ? parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(result)'}: ${i.message}`).join('; ') : 'no result schema for this kind';
    throw new ResultContractError(job.kind, fields);
  }

  private release(entry: Active, wasRunning: boolean): Job {
    this.active.delete(entry.job.id);
    if (wasRunning && entry.takesSlot) this.running--;
    this.pump();
    return entry.job;
  }

  private finish(entry: Active, state: JobState, error: unknown): void {
    const appError = error === null ? null : redactDeep(error instanceof ResultContractError ? internalError(`the ${entry.job.kind} job's result did not match its contract.`) : toAppError(error), this.redact);
    if (appError?.code === ErrorCode.Internal) this.options.logError?.(`job ${entry.job.kind} ${entry.job.id} (${entry.job.title})`, error);
    entry.job = this.save({ ...entry.job, state, endedAt: this.stamp(), error: appError });
  }

  private context(entry: Active): JobContext {
    const guard = (event: JobEventInput) => {
      // Once cancelled, late output from the body is dropped so the record ends cleanly.
      if (!entry.controller.signal.aborted) this.emit(entry, event);
    };
    return {
      jobId: entry.job.id,
      signal: entry.controller.signal,
      log: (line, stream = 'info') => guard({ type: 'log', stream, line }),
      progress: (fraction, message, bench) => guard({ type: 'progress', fraction: fraction === null ? null : Math.min(1, Math.max(0, fraction)), ...(message ? { message } : {}), ...(bench ? { bench } : {}) }),
      step: (index, name, total) => guard({ type: 'step', index, name, ...(total === undefined ? {} : { total }) }),
    };
  }

  private emit(entry: Active, input: JobEventInput): void {
    // Every string of every event (log lines, step names, results) is scrubbed before it is stored or sent.
    const event = { ...redactDeep(input, this.redact), jobId: entry.job.id, seq: entry.nextSeq++, at: this.stamp() } as JobEvent;
    this.options.store.appendEvent(event);
    this.options.bus.emit('jobs:event', event);
  }

  private save(job: Job): Job {
    this.options.store.update(job);
    this.options.bus.emit('jobs:changed', job);
    return job;
  }

  private stamp(): string {
    return this.now().toISOString();
  }
}

/** A job's result that fails its kind's schema; its message lists the fields for the log. */
export class ResultContractError extends Error {
  constructor(kind: string, fields: string) {
    super(`Result of a ${kind} job failed its schema: ${fields}`);
    this.name = 'ResultContractError';
  }
}
