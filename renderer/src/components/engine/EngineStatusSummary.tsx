import type { EngineStatus } from '../../../../shared/contract';
import { formatTime } from '../format';
import { StatusBadge } from '../StatusBadge';

/** The one-line answer to "can Skylift use the engine?", with when it was asked. */
export function EngineStatusSummary({ status }: { status: EngineStatus }) {
  return (
    <div className="status-summary" role="status" data-testid="engine-status">
      <StatusBadge tone={status.reachable ? 'ok' : 'bad'}>{status.reachable ? 'Reachable' : 'Not reachable'}</StatusBadge>{' '}
      <span className="status-text">
        {status.reachable ? `Docker ${status.info.serverVersion} at ` : status.endpoint ? 'Tried ' : 'No endpoint could be worked out'}
        {status.endpoint && <code>{status.endpoint.url}</code>}
      </span>{' '}
      <span className="status-time">
        Checked at <time dateTime={status.checkedAt}>{formatTime(status.checkedAt)}</time>
      </span>
    </div>
  );
}
