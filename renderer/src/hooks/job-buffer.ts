import { terminalJobStates, type Job, type JobEvent } from '../../../shared/contract';
import { skylift } from '../api/client';

type EventOf<T extends JobEvent['type']> = Extract<JobEvent, { type: T }>;
export type LogLine = Pick<EventOf<'log'>, 'line' | 'stream'>;
export type JobStep = Pick<EventOf<'step'>, 'index' | 'total' | 'name'>;
export type JobProgress = Pick<EventOf<'progress'>, 'fraction' | 'message' | 'bench'>;

/** What a view of one job sees; `lines` is shared and append-only, `lineCount` is how much of it this snapshot covers. */
export interface JobSnapshot {
  job: Job | null;
  lines: readonly LogLine[];
  lineCount: number;
  step: JobStep | null;
  progress: JobProgress | null;
  /** The `result` event's value: one of the contract's job results (jobResultSchemas[job.kind] reads it as its kind's). */
  result: Extract<JobEvent, { type: 'result' }>['value'] | undefined;
  /** True until the stored events have been read back once. */
  replaying: boolean;
  loadError: unknown;
}

/** Keeps the buffers of recent jobs only; an older one is read back from the store if asked for again. */
const MAX_BUFFERS = 8;

/**
 * One job's events, in order: first read back from the store (`jobs.events` after the last seq
 * held), then kept current from the live stream. Events are applied strictly by seq, so a live
 * event that overtakes the replay waits, duplicates are dropped, and a gap is filled from the store.
 */
class JobBuffer {
  private readonly lines: LogLine[] = [];
  private lastSeq = -1;
  private readonly pending = new Map<number, JobEvent>();
  private fetching = false;
  private state: Omit<JobSnapshot, 'lines' | 'lineCount'> = {
    job: null,
    step: null,
    progress: null,
    result: undefined,
    replaying: true,
    loadError: undefined,
  };
  private snapshot: JobSnapshot;
  private readonly listeners = new Set<() => void>();
  private notifyScheduled = false;

  constructor(readonly jobId: string) {
    this.snapshot = this.makeSnapshot();
    void this.fill();
    skylift.api.jobs.get({ jobId }).then((job) => this.setJob(job), () => undefined);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): JobSnapshot => this.snapshot;

  /** Live events may reveal a gap, which is then filled from the store; the store's own answer never re-asks. */
  receive(events: readonly JobEvent[], fromStore = false): void {
    for (const event of events) if (event.seq > this.lastSeq) this.pending.set(event.seq, event);
    for (let next = this.pending.get(this.lastSeq + 1); next; next = this.pending.get(this.lastSeq + 1)) {
      this.pending.delete(next.seq);
      this.apply(next);
      this.lastSeq = next.seq;
    }
    if (this.pending.size > 0 && !this.fetching && !fromStore) void this.fill();
    this.changed();
  }

  setJob(job: Job): void {
    const ended = terminalJobStates.includes(job.state);
    // An answer to jobs.get can arrive after the live change that ended the job.
    if (!ended && this.state.job && terminalJobStates.includes(this.state.job.state)) return;
    this.state = { ...this.state, job };
    // A missed event cannot show as a gap after the last one, so read the tail once the job ends.
    if (ended && !this.fetching) void this.fill();
    this.changed();
  }

  private async fill(): Promise<void> {
    this.fetching = true;
    try {
      const events = await skylift.api.jobs.events({ jobId: this.jobId, afterSeq: this.lastSeq });
      this.fetching = false;
      this.state = { ...this.state, replaying: false, loadError: undefined };
      this.receive(events, true);
    } catch (error) {
      this.fetching = false;
      this.state = { ...this.state, replaying: false, loadError: error };
      this.changed();
    }
  }

  private apply(event: JobEvent): void {
    switch (event.type) {
      case 'log':
        // Container output arrives batched: one event may carry many lines.
        for (const line of event.line.split('\n')) this.lines.push({ line, stream: event.stream });
        break;
      case 'step':
        this.state = { ...this.state, step: { index: event.index, total: event.total, name: event.name } };
        break;
      case 'progress':
        this.state = { ...this.state, progress: { fraction: event.fraction, message: event.message, bench: event.bench } };
        break;
      case 'result':
        this.state = { ...this.state, result: event.value };
        break;
    }
  }

  /** Many events can arrive in one frame; views re-render at most once per frame. */
  private changed(): void {
    if (this.notifyScheduled) return;
    this.notifyScheduled = true;
    requestAnimationFrame(() => {
      this.notifyScheduled = false;
      this.snapshot = this.makeSnapshot();
      for (const listener of this.listeners) listener();
    });
  }

  private makeSnapshot(): JobSnapshot {
    return { ...this.state, lines: this.lines, lineCount: this.lines.length };
  }
}

const buffers = new Map<string, JobBuffer>();
let listening = false;

function listen(): void {
  if (listening) return;
  listening = true;
  skylift.on('jobs:event', (event) => buffers.get(event.jobId)?.receive([event]));
  skylift.on('jobs:changed', (job) => buffers.get(job.id)?.setJob(job));
}

/** The buffer for a job, made (and filled from the store) on first use. */
export function jobBuffer(jobId: string): JobBuffer {
  listen();
  let buffer = buffers.get(jobId);
  if (!buffer) {
    buffer = new JobBuffer(jobId);
    buffers.set(jobId, buffer);
    for (const oldest of buffers.keys()) {
      if (buffers.size <= MAX_BUFFERS) break;
      if (oldest !== jobId) buffers.delete(oldest);
    }
  }
  return buffer;
}

export type { JobBuffer };
