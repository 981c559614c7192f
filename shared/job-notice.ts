import { terminalJobStates, type Job } from './contract';

/**
 * Which finished jobs deserve a notification, for the app (desktop notification) and browser mode
 * (opt-in browser notification) alike: a build, bench or deploy that ran long enough for the user
 * to look elsewhere, and ended while they did.
 */
export const NOTIFY_JOB_KINDS: readonly string[] = ['build', 'bench', 'deploy'];
/** Shorter jobs end while the user still watches them. */
export const NOTIFY_AFTER_MS = 10_000;

export interface JobNotice {
  title: string;
  body: string;
}

const KIND_LABEL: Record<string, string> = { build: 'Build', bench: 'Bench', deploy: 'Deploy' };
const ENDED: Record<string, string> = { succeeded: 'finished', failed: 'failed', cancelled: 'was cancelled', interrupted: 'was interrupted' };

/** The notice for a job that has just ended after running long, else null. */
export function jobNotice(job: Job): JobNotice | null {
  if (!NOTIFY_JOB_KINDS.includes(job.kind) || !terminalJobStates.includes(job.state) || !job.startedAt || !job.endedAt) return null;
  const ranMs = Date.parse(job.endedAt) - Date.parse(job.startedAt);
  if (!(ranMs >= NOTIFY_AFTER_MS)) return null;
  const seconds = Math.round(ranMs / 1000);
  const took = seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
  const reason = job.state === 'failed' && job.error ? ` ${job.error.message}` : '';
  return { title: `${KIND_LABEL[job.kind]} ${ENDED[job.state]}`, body: `${job.title} (${took}).${reason}` };
}

/**
 * Feed it every jobs:changed; it calls `show` once per job that ended long while `lookingElsewhere()`
 * said so (a job's final state may be announced more than once).
 */
export function createJobNotifier(show: (notice: JobNotice) => void, lookingElsewhere: () => boolean): (job: Job) => void {
  const notified = new Set<string>();
  return (job) => {
    const notice = jobNotice(job);
    if (!notice || notified.has(job.id)) return;
    notified.add(job.id);
    if (lookingElsewhere()) show(notice);
  };
}
