import { useCallback, useEffect, useState } from 'react';
import type { TargetName } from '../../../shared/project/schema';
import { skylift } from '../api/client';
import { describeError, type ErrorDescription } from '../components/describe-error';
import { useJobControl } from './use-job-control';

export interface HealthAnswer {
  address: string;
  /** The adapter's /health JSON; null where the protocol has none (Lambda). */
  health: unknown;
  checkedAt: string;
}

/**
 * A variant running locally for Try it: start and stop its run job, and read its address and
 * /health once it answers (the job's first step says so) and whenever the user asks again.
 */
export function useRun(dir: string) {
  const control = useJobControl(`deploy.run-job.${dir}`);
  const { jobId, snapshot, active } = control;
  // The run job reports a step only once the variant takes requests.
  const live = active && snapshot?.job?.state === 'running' && snapshot.step !== null;
  const [health, setHealth] = useState<HealthAnswer | null>(null);
  const [healthError, setHealthError] = useState<ErrorDescription | null>(null);
  const [checking, setChecking] = useState(false);

  const refreshHealth = useCallback(async () => {
    if (!jobId) return;
    setChecking(true);
    try {
      const answer = await skylift.api.run.health({ jobId });
      setHealth({ ...answer, checkedAt: new Date().toISOString() });
      setHealthError(null);
    } catch (error) {
      setHealthError(describeError(error));
    } finally {
      setChecking(false);
    }
  }, [jobId]);

  useEffect(() => {
    if (live) void refreshHealth();
    else setHealth(null);
  }, [live, refreshHealth]);

  const start = (variant: TargetName) => {
    setHealth(null);
    setHealthError(null);
    return control.start(() => skylift.api.run.start({ dir, variant }));
  };

  return { ...control, live, start, health, healthError, checking, refreshHealth };
}

export type RunModel = ReturnType<typeof useRun>;
