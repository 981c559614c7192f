import { SkyliftError, requireJobResult, type Job, type JobEvent, type JobKind, type JobResultValue } from '../../../../shared/contract';
import type { Core } from '../../../core/core';
import { cancelOnInterrupt } from '../../job-follow';

/** Push progress can come many times a second: the terminal gets a line at most this often (and the last one). */
const PROGRESS_EVERY_MS = 1000;

/** One job event as the terminal shows it: steps numbered, progress throttled, log lines (retries included) as they are. */
export function cloudEventText(event: JobEvent): string | null {
  if (event.type === 'step') return event.total ? `[${event.index}/${event.total}] ${event.name}` : `[${event.index}] ${event.name}`;
  if (event.type === 'progress') return event.message ? `  ${event.message}` : null;
  if (event.type === 'log') return event.line;
  return null;
}

/**
 * Follows a deploy, verify, rollback or destroy job to its result: its events on stderr (none with
 * --json), Ctrl-C cancels it. A job that did not succeed throws its error (cancelled says so).
 */
export async function followCloudJob<K extends JobKind>(core: Core, job: Job, kind: K, options: { quiet: boolean }): Promise<JobResultValue<K>> {
  let lastProgress = 0;
  const stopLogging = core.bus.subscribe((name, payload) => {
    const event = payload as JobEvent;
    if (name !== 'jobs:event' || event.jobId !== job.id || options.quiet) return;
    if (event.type === 'progress') {
      const now = Date.now();
      if (now - lastProgress < PROGRESS_EVERY_MS && event.fraction !== 1) return;
      lastProgress = now;
    }
    const text = cloudEventText(event);
    if (text !== null) process.stderr.write(`${text}\n`);
  });
  const stopListening = cancelOnInterrupt(core, job.id, 'Still stopping: leaving the deployment in a state the next plan shows…');
  try {
    const done = await core.jobs.wait(job.id);
    if (done.state !== 'succeeded') throw new SkyliftError(done.error ?? { code: 'CANCELLED', message: `${job.title}: cancelled. Run the plan again to see where the deployment stands.` });
    return requireJobResult(kind, core.jobStore.events(job.id, -1));
  } finally {
    stopListening();
    stopLogging();
  }
}
