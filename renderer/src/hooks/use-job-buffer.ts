import { useSyncExternalStore } from 'react';
import { jobBuffer, type JobSnapshot } from './job-buffer';

const noSubscription = () => () => undefined;
const noSnapshot = () => null;

/** A job's log, steps, progress and result, replayed from the store and then followed live; null without a job. */
export function useJobBuffer(jobId: string | null): JobSnapshot | null {
  const buffer = jobId ? jobBuffer(jobId) : null;
  return useSyncExternalStore<JobSnapshot | null>(buffer ? buffer.subscribe : noSubscription, buffer ? buffer.getSnapshot : noSnapshot);
}
