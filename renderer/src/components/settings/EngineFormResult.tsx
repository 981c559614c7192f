import type { EngineFormOutcome } from '../../hooks/use-engine-form';
import { ErrorAlert } from '../ErrorAlert';

/** What the last Test or Save came to. Always rendered, so the region is announced when it fills. */
export function EngineFormResult({ outcome }: { outcome: EngineFormOutcome | null }) {
  return (
    <div className="form-result" data-testid="settings-result" aria-live="polite">
      {outcome && <OutcomeView outcome={outcome} />}
    </div>
  );
}

function OutcomeView({ outcome }: { outcome: EngineFormOutcome }) {
  switch (outcome.type) {
    case 'saved':
      return (
        <div className="alert alert-ok" role="status">
          <p className="alert-title">Saved.</p>
          <p className="alert-detail">Skylift uses this engine from now on.</p>
        </div>
      );
    case 'failed':
      return <ErrorAlert error={outcome.error} title={outcome.action === 'test' ? 'Could not test the connection' : 'Not saved'} />;
    case 'tested': {
      const { status } = outcome;
      if (!status.reachable) {
        return (
          <ErrorAlert error={status.error} title="Not reachable">
            {status.endpoint && (
              <p className="alert-detail">
                Endpoint tried: <code>{status.endpoint.url}</code>
              </p>
            )}
          </ErrorAlert>
        );
      }
      return (
        <div className="alert alert-ok" role="status">
          <p className="alert-title">Connection works: Docker {status.info.serverVersion} (API {status.info.apiVersion}).</p>
          <p className="alert-detail">
            Reached <code>{status.endpoint.url}</code>. Press Save to use it.
          </p>
        </div>
      );
    }
  }
}
