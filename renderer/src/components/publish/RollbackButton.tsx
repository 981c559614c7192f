import { skylift } from '../../api/client';
import type { DeployJobModel } from '../../hooks/use-deploy-job';
import { ErrorAlert } from '../ErrorAlert';
import { JobFailure } from '../test/JobFailure';

interface RollbackButtonProps {
  dir: string;
  deployment: string;
  rollback: DeployJobModel<'rollback'>;
  /** To a given version; absent: the one before the live one. */
  toVersion?: string;
  label?: string;
}

/** Move the deployment's alias back (one AWS call, no image pushed) and say where it points now. */
export function RollbackButton({ dir, deployment, rollback, toVersion, label = 'Roll back' }: RollbackButtonProps) {
  const { job, result } = rollback;
  const start = () =>
    !rollback.active && !rollback.busy && void rollback.start(() => skylift.api.deploy.rollback({ dir, deployment, ...(toVersion ? { toVersion } : {}) }));
  return (
    <div className="rollback">
      <button type="button" className="button" data-testid={`rollback-${deployment}`} aria-busy={rollback.active || rollback.busy === 'start'}
        disabled={rollback.active} onClick={start}>
        {rollback.active ? 'Rolling back…' : label}
      </button>
      {rollback.failure && <ErrorAlert error={rollback.failure.error} title="Not rolled back" testId="rollback-start-error" />}
      {job && <JobFailure job={job} title="Roll back failed" testId="rollback-error" />}
      {result && (
        <p className="alert alert-ok" role="status" data-testid="rollback-result">
          Alias <code>{result.alias}</code> moved from version {result.fromVersion} back to version <strong>{result.toVersion}</strong>.
        </p>
      )}
    </div>
  );
}
