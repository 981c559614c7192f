import { useId } from 'react';
import { swapLine, type WatchStatus } from '../../../../shared/contract/watch';
import { useJobBuffer } from '../../hooks/use-job-buffer';
import { LogView } from '../log/LogView';
import { ErrorAlert } from '../ErrorAlert';
import { Facts } from '../Facts';
import { formatTime } from '../format';
import { formatMs } from '../runs/run-format';
import { useWatch } from './use-watch';

const STATE_WORDS: Record<WatchStatus['state'], string> = {
  off: 'Off: saves change nothing until you turn it on.',
  watching: 'Watching the project folder: save a file to rebuild.',
  building: 'Rebuilding… the running container keeps answering.',
  starting: 'Starting the new container and loading the model… the running one keeps answering.',
};

/** "Rebuild on save" for a running variant: the switch, what it is doing, the last swap's timings and the last error. */
export function WatchPanel({ jobId }: { jobId: string }) {
  const { status, failure, busy, toggle, checked } = useWatch(jobId);
  const id = useId();
  const swap = status?.lastSwap ?? null;
  // The rebuild is the Build step's own job: its log, live while it builds, kept for the last attempt.
  const build = useJobBuffer(status?.buildJobId ?? null);
  const rebuilding = status?.state === 'building';
  return (
    <div className="test-watch" data-testid="test-watch">
      <div className="field field-check">
        <input id={id} type="checkbox" data-testid="test-watch-toggle" checked={checked} disabled={busy || status === null}
          aria-describedby={`${id}-hint`} onChange={(event) => void toggle(event.target.checked)} />
        <div>
          <label htmlFor={id}>Rebuild on save</label>
          <p className="field-hint" id={`${id}-hint`} data-testid="test-watch-state">
            {status ? STATE_WORDS[status.state] : 'Asking…'}
          </p>
        </div>
      </div>
      {swap && (
        <>
          <p className="muted" data-testid="test-watch-swap">
            {swapLine(swap)} <span className="status-time">({formatTime(swap.at)}, swap {status!.swaps})</span>
          </p>
          <Facts facts={[
            { label: 'Rebuild', value: formatMs(swap.rebuildMs), testId: 'test-watch-rebuild' },
            { label: 'Model load', value: formatMs(swap.loadMs), testId: 'test-watch-load' },
            { label: 'Save → answering', value: formatMs(swap.totalMs), testId: 'test-watch-total' },
          ]} />
        </>
      )}
      {status?.error && <ErrorAlert error={status.error} title="The last save was not swapped in: the previous version keeps answering" testId="test-watch-error" />}
      {build && (
        <details className="test-watch-build" data-testid="test-watch-build" open={rebuilding || Boolean(status?.error) || undefined}>
          <summary>Rebuild log{build.job ? ` (${build.job.state})` : ''}</summary>
          <LogView lines={build.lines} count={build.lineCount} label="Rebuild log" testId="test-watch-build-log" emptyText={build.replaying ? 'Reading the log…' : 'Waiting for output…'} />
        </details>
      )}
      {failure && <ErrorAlert error={failure} title="Rebuild on save could not be changed" testId="test-watch-failure" />}
    </div>
  );
}
