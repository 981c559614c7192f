import type { Job, JobEvent } from '../../shared/contract';
import type { Core } from '../core/core';

/**
 * Follows a job as the CLI shows it: its log on stderr, Ctrl-C cancels it. Resolves with the
 * finished job and its result value.
 */
export async function followJob(core: Core, job: Job, options: { quiet?: boolean } = {}): Promise<{ job: Job; result: unknown }> {
  const stopLogging = core.bus.subscribe((event, payload) => {
    const e = payload as JobEvent;
    if (event === 'jobs:event' && e.jobId === job.id && e.type === 'log' && !options.quiet) process.stderr.write(`${e.line}\n`);
  });
  const cancel = () => void core.jobs.cancel(job.id);
  process.once('SIGINT', cancel);
  process.once('SIGTERM', cancel);
  try {
    const done = await core.jobs.wait(job.id);
    const result = core.jobStore.events(job.id, -1).find((e) => e.type === 'result') as Extract<JobEvent, { type: 'result' }> | undefined;
    return { job: done, result: result?.value };
  } finally {
    process.off('SIGINT', cancel);
    process.off('SIGTERM', cancel);
    stopLogging();
  }
}
