import { jobResultSchemas, type JobResultValue } from '../../../shared/contract';
import { useJobControl } from './use-job-control';

export type CloudJobKind = 'deploy' | 'verify' | 'rollback' | 'destroy';

/**
 * One publish-side job (apply, verify, rollback, destroy): start it, follow its steps, progress and
 * log, and read its result as its kind's type. The job id is kept in the tab's session under `sessionKey`.
 */
export function useDeployJob<K extends CloudJobKind>(kind: K, sessionKey: string) {
  const control = useJobControl(sessionKey);
  const parsed = jobResultSchemas[kind].safeParse(control.snapshot?.result);
  const job = control.snapshot?.job ?? null;
  return {
    ...control,
    job,
    result: parsed.success ? (parsed.data as JobResultValue<K>) : null,
    /** Why it failed, as core's code (PLAN_STALE, ROLE_NOT_PROPAGATED, …): the start refused, or the job failed. */
    errorCode: control.failure?.code ?? (job?.state === 'failed' ? (job.error?.code ?? null) : null),
  };
}

export type DeployJobModel<K extends CloudJobKind> = ReturnType<typeof useDeployJob<K>>;
