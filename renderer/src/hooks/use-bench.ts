import { useEffect, useState } from 'react';
import { jobResultSchemas, terminalJobStates, type BenchRequest, type BenchRun, type Job, type JobResultValue } from '../../../shared/contract';
import { skylift } from '../api/client';
import { useJobControl } from './use-job-control';

/** What a bench job's `result` event carries: the stored run and its summary (the contract's bench result). */
export type BenchResult = JobResultValue<'bench'>;

/** Recent runs searched for an ended bench's own: one bench job stores one run. */
const RECENT_RUNS = 20;

/**
 * The Bench part of Test: start and cancel a bench job for a project, and follow the latest one.
 * With a deployment, the bench goes to that deployment's alias in the cloud (Publish's "Bench in the cloud").
 */
export function useBench(dir: string, deployment?: string) {
  const control = useJobControl(deployment ? `deploy.cloud-bench-job.${dir}.${deployment}` : `deploy.bench-job.${dir}`);
  const start = (request: Omit<BenchRequest, 'dir'>) => control.start(() => skylift.api.bench.start({ ...request, dir, ...(deployment ? { deployment } : {}) }));
  const parsed = jobResultSchemas.bench.safeParse(control.snapshot?.result);
  const run = useEndedRun(control.snapshot?.job ?? null);
  return { ...control, start, result: parsed.success ? parsed.data : null, run };
}

/**
 * The run an ended bench stored. A cancelled or failed bench sends no result, yet its run keeps
 * what was measured before it stopped; undefined while it is looked up, null when there is none.
 */
function useEndedRun(job: Job | null): BenchRun | null | undefined {
  const [run, setRun] = useState<BenchRun | null | undefined>(undefined);
  const ended = job !== null && terminalJobStates.includes(job.state);
  const jobId = job?.id;
  useEffect(() => {
    setRun(undefined);
    if (!jobId || !ended) return;
    let current = true;
    skylift.api.runs.list({ limit: RECENT_RUNS }).then(
      (runs) => current && setRun(runs.find((r) => r.jobId === jobId) ?? null),
      () => current && setRun(null),
    );
    return () => void (current = false);
  }, [jobId, ended]);
  return run;
}

export type BenchModel = ReturnType<typeof useBench>;
