import { createHash } from 'node:crypto';

/** Labels on every container Skylift runs, so cleanup finds exactly its own and no one else's. */
export const RUN_LABEL = {
  jobId: 'dev.skylift.job-id',
  /** Which Skylift data folder started it: tests and users with several SKYLIFT_HOMEs share one engine. */
  instance: 'dev.skylift.instance',
  project: 'dev.skylift.project',
  variant: 'dev.skylift.variant',
  role: 'dev.skylift.role',
} as const;

export const instanceId = (dataDir: string): string => createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
