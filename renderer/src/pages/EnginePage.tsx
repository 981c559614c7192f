import { skylift } from '../api/client';
import { describeError } from '../components/describe-error';
import { EngineDetails } from '../components/engine/EngineDetails';
import { EngineStatusSummary } from '../components/engine/EngineStatusSummary';
import { EngineUnreachable } from '../components/engine/EngineUnreachable';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeader } from '../components/PageHeader';
import { useAsync } from '../hooks/use-async';

/** The Docker engine Skylift builds and runs on. Each refresh asks afresh, so it follows the engine going away and coming back. */
export function EnginePage() {
  const { data: status, error, loading, reload } = useAsync(() => skylift.api.engine.status({}));

  const refresh = (
    <button
      type="button"
      className="button"
      data-testid="engine-refresh"
      aria-busy={loading}
      aria-disabled={loading}
      onClick={() => !loading && reload()}
    >
      {loading ? 'Checking…' : 'Refresh'}
    </button>
  );

  return (
    <>
      <PageHeader title="Engine" description="The Docker engine Skylift builds, runs and tests images on." actions={refresh} />
      <div className="engine-status-area">
        {error !== undefined && (
          <ErrorAlert error={describeError(error)} title="Could not ask for the engine status" testId="engine-error" />
        )}
        {status && <EngineStatusSummary status={status} />}
        {!status && error === undefined && <p className="muted">Checking the engine…</p>}
      </div>
      {status && (status.reachable ? <EngineDetails endpoint={status.endpoint} info={status.info} /> : <EngineUnreachable status={status} />)}
    </>
  );
}
