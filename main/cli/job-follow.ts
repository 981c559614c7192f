import type { Job, JobEvent } from '../../shared/contract';
import type { Core } from '../core/core';
import { liveLine, type LiveText } from './live-line';

const STILL_STOPPING = 'Still stopping: removing containers and saving what was measured…';

type ProgressEvent = Extract<JobEvent, { type: 'progress' }>;

export interface FollowOptions {
  /** No log and no progress on stderr (--json). */
  quiet?: boolean;
  /** A live progress line from the job's progress events (null: nothing to show for this one). */
  progress?: (event: ProgressEvent) => LiveText | null;
}

/**
 * Follows a job as the CLI shows it: its log on stderr, Ctrl-C cancels it. Resolves with the
 * finished job and its stored events (requireJobResult reads its result as its kind's type).
 */
export async function followJob(core: Core, job: Job, options: FollowOptions = {}): Promise<{ job: Job; events: JobEvent[] }> {
  const line = options.progress && !options.quiet ? liveLine() : null;
  const stopLogging = core.bus.subscribe((event, payload) => {
    const e = payload as JobEvent;
    if (event !== 'jobs:event' || e.jobId !== job.id || options.quiet) return;
    if (e.type === 'log') {
      if (line) line.around(() => process.stderr.write(`${e.line}\n`));
      else process.stderr.write(`${e.line}\n`);
    } else if (e.type === 'progress' && line) {
      const live = options.progress!(e);
      if (live) line.update(live);
    }
  });
  const stopListening = cancelOnInterrupt(core, job.id);
  let ended: Job | null = null;
  try {
    ended = await core.jobs.wait(job.id);
    return { job: ended, events: core.jobStore.events(job.id, -1) };
  } finally {
    line?.end(ended && ended.state !== 'succeeded' ? ended.state : undefined);
    stopListening();
    stopLogging();
  }
}

/**
 * The first Ctrl-C (or SIGTERM) cancels the job. Later ones are caught too, so an impatient second
 * Ctrl-C (or `timeout -s INT`, which can send two) does not kill the CLI while it removes containers
 * and stores what was measured: they say once that it is still stopping. Cancellation is bounded by
 * the sessions' stop (a kill, a capped log drain, a remove). Returns the function that stops listening.
 */
export function cancelOnInterrupt(core: Core, jobId: string, stillStopping = STILL_STOPPING): () => void {
  let signals = 0;
  const onSignal = () => {
    signals++;
    if (signals === 1) void core.jobs.cancel(jobId);
    else if (signals === 2) process.stderr.write(`${stillStopping}\n`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
