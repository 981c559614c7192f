import type { RunModel } from '../../hooks/use-run';
import { ErrorAlert } from '../ErrorAlert';
import { Facts, type Fact } from '../Facts';
import { formatTime } from '../format';
import { formatMs } from '../runs/run-format';
import { StatusBadge } from '../StatusBadge';
import { DEVICE_LABEL, HEALTH_TONE, readHealth } from './health';
import { setupLabel, SETUP_MEANING } from './invocation-format';

/** Where the running variant answers, and its latest /health: state, device, setup time; asked again on Refresh. */
export function HealthPanel({ run }: { run: RunModel }) {
  const { health, healthError, checking } = run;
  const view = health ? readHealth(health.health) : null;
  const facts: Fact[] = health ? [{ label: 'Address', value: health.address, code: true, testId: 'test-address' }] : [];
  if (view) {
    facts.push(
      { label: 'Status', value: view.status ? <StatusBadge tone={HEALTH_TONE[view.status] ?? 'neutral'}>{view.status}</StatusBadge> : 'unknown' },
      { label: 'Device', value: view.device ? (DEVICE_LABEL[view.device] ?? view.device) : 'unknown' },
      { label: setupLabel(false), value: view.setupMs === null ? 'not finished' : <span title={SETUP_MEANING.http}>{formatMs(view.setupMs)}</span> },
    );
    if (view.model) facts.push({ label: 'Model', value: view.model, code: true });
    if (view.error) facts.push({ label: 'Error', value: view.error });
  }

  return (
    <div className="test-health" data-testid="test-health" aria-busy={checking}>
      <div className="test-health-header">
        <h3 className="subheading">Health</h3>
        {health && <span className="status-time">checked {formatTime(health.checkedAt)}</span>}
        <button type="button" className="button button-small" data-testid="test-health-refresh" aria-busy={checking} aria-disabled={checking}
          onClick={() => void run.refreshHealth()}>
          {checking ? 'Checking…' : 'Refresh'}
        </button>
      </div>
      {health && <Facts facts={facts} />}
      {health && !view && <p className="field-hint">This protocol has no health route (Lambda's Runtime API only hands out invocations); send a request to try it.</p>}
      {!health && !healthError && <p className="muted">{checking ? 'Asking…' : 'Not checked yet.'}</p>}
      {healthError && <ErrorAlert error={healthError} title="Could not read its health" />}
    </div>
  );
}
