import type { EngineStatus } from '../../../../shared/contract';
import { ErrorAlert } from '../ErrorAlert';
import { endpointSourceLabel } from './endpoint-labels';

type Unreachable = Extract<EngineStatus, { reachable: false }>;

export function EngineUnreachable({ status }: { status: Unreachable }) {
  const { endpoint } = status;
  return (
    <ErrorAlert error={status.error} title="Skylift cannot reach the Docker engine" testId="engine-error">
      <p className="alert-detail">
        {endpoint ? (
          <>
            Endpoint tried: <code>{endpoint.url}</code> (from {endpointSourceLabel(endpoint)})
          </>
        ) : (
          'No endpoint was tried: the configured one could not be worked out.'
        )}
      </p>
    </ErrorAlert>
  );
}
