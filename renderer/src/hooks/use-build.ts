import { useState } from 'react';
import { terminalJobStates, type CallInput } from '../../../shared/contract';
import { skylift } from '../api/client';
import { describeError, type ErrorDescription } from '../components/describe-error';
import { jobBuffer } from './job-buffer';
import { useJobBuffer } from './use-job-buffer';
import { readSession, writeSession } from './use-session-state';

export type BuildOptions = Omit<CallInput<'build', 'start'>, 'dir'>;

const jobKey = (dir: string) => `deploy.build-job.${dir}`;

/**
 * The Build step for one project folder: start and cancel a build job, and follow the latest
 * one. The job id is kept per folder for the tab's life, so coming back replays that build's log.
 */
export function useBuild(dir: string) {
  const [jobId, setJobId] = useState<string | null>(() => readSession<string | null>(jobKey(dir), null));
  const [busy, setBusy] = useState<'start' | 'cancel' | null>(null);
  const [failure, setFailure] = useState<{ action: 'start' | 'cancel'; error: ErrorDescription } | null>(null);
  const snapshot = useJobBuffer(jobId);
  const state = snapshot?.job?.state;
  const active = state === 'queued' || state === 'running';

  async function run(action: 'start' | 'cancel', body: () => Promise<void>) {
    if (busy) return;
    setBusy(action);
    setFailure(null);
    try {
      await body();
    } catch (error) {
      setFailure({ action, error: describeError(error) });
    } finally {
      setBusy(null);
    }
  }

  const start = (options: BuildOptions) =>
    run('start', async () => {
      const job = await skylift.api.build.start({ ...options, dir });
      jobBuffer(job.id).setJob(job);
      setJobId(job.id);
      writeSession(jobKey(dir), job.id);
    });

  const cancel = () =>
    run('cancel', async () => {
      if (jobId && active) jobBuffer(jobId).setJob(await skylift.api.jobs.cancel({ jobId }));
    });

  const ended = state !== undefined && terminalJobStates.includes(state);
  return { snapshot, active, ended, busy, failure, start, cancel };
}
