import { useState } from 'react';
import { isSkyliftError, type Job } from '../../../shared/contract';
import { skylift } from '../api/client';
import { describeError, type ErrorDescription } from '../components/describe-error';
import { jobBuffer } from './job-buffer';
import { useJobBuffer } from './use-job-buffer';
import { readSession, writeSession } from './use-session-state';

export type JobAction = 'start' | 'stop';

/**
 * Start and stop one kind of job and follow the latest one. Its id is kept in the tab's session
 * under `sessionKey`, so coming back to the page replays that job's log and state.
 */
export function useJobControl(sessionKey: string) {
  const [jobId, setJobId] = useState<string | null>(() => readSession<string | null>(sessionKey, null));
  const [busy, setBusy] = useState<JobAction | null>(null);
  const [failure, setFailure] = useState<{ action: JobAction; error: ErrorDescription; code: string | null } | null>(null);
  const snapshot = useJobBuffer(jobId);
  const state = snapshot?.job?.state;
  const active = state === 'queued' || state === 'running';

  async function act(action: JobAction, body: () => Promise<void>) {
    if (busy) return;
    setBusy(action);
    setFailure(null);
    try {
      await body();
    } catch (error) {
      setFailure({ action, error: describeError(error), code: isSkyliftError(error) ? error.code : null });
    } finally {
      setBusy(null);
    }
  }

  const start = (startJob: () => Promise<Job>) =>
    act('start', async () => {
      const job = await startJob();
      jobBuffer(job.id).setJob(job);
      setJobId(job.id);
      writeSession(sessionKey, job.id);
    });

  const stop = () =>
    act('stop', async () => {
      if (jobId && active) jobBuffer(jobId).setJob(await skylift.api.jobs.cancel({ jobId }));
    });

  return { jobId, snapshot, active, busy, failure, start, stop };
}
