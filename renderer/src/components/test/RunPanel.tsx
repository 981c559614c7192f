import type { CSSProperties } from 'react';
import { terminalJobStates } from '../../../../shared/contract';
import type { TargetName } from '../../../../shared/project/schema';
import type { LogLine } from '../../hooks/job-buffer';
import type { RunModel } from '../../hooks/use-run';
import { ErrorAlert } from '../ErrorAlert';
import { formatTime } from '../format';
import { LogView } from '../log/LogView';
import { Panel } from '../Panel';
import { fittedLogHeight, useSoftenedLog } from './adapter-log';
import { HealthPanel } from './HealthPanel';
import { JobFailure } from './JobFailure';
import { JobStateBadge } from './JobStateBadge';
import { VariantSelect } from './VariantSelect';
import { WatchPanel } from './WatchPanel';

interface RunPanelProps {
  run: RunModel;
  variant: TargetName;
  /** The built variants, the only ones offered. */
  variants: readonly TargetName[];
  /** The variants with no image yet. */
  missing: readonly TargetName[];
  onVariant: (variant: TargetName) => void;
  /** Back to Build, for a variant with no image. */
  onBuild: () => void;
}

const NO_LINES: readonly LogLine[] = [];
const RUN_WORDS = { running: 'Running', cancelled: 'Stopped', succeeded: 'Stopped' } as const;

/** Start a built target locally under its protocol, see where it answers and how it is, and follow its container's output. */
export function RunPanel({ run, variant, variants, missing, onVariant, onBuild }: RunPanelProps) {
  const { snapshot, active, busy } = run;
  const job = snapshot?.job ?? null;
  const ended = job !== null && terminalJobStates.includes(job.state);
  const lines = useSoftenedLog(snapshot?.lines ?? NO_LINES, snapshot?.lineCount ?? 0);
  const notBuilt = run.failure?.code === 'IMAGE_NOT_BUILT' || (job?.state === 'failed' && job.error?.code === 'IMAGE_NOT_BUILT');

  return (
    <Panel title="Run locally" className="test-run">
      <div className="test-run-fields">
        <VariantSelect value={variant} variants={variants} missing={missing} onChange={onVariant} onBuild={onBuild} lockedBy={active ? 'Stop the run to choose another target.' : null} />
        <div className="form-actions test-run-actions">
          {active ? (
            <button type="button" className="button" data-testid="test-stop" aria-busy={busy === 'stop'} aria-disabled={busy !== null} onClick={() => void run.stop()}>
              {busy === 'stop' ? 'Stopping…' : 'Stop'}
            </button>
          ) : (
            <button type="button" className="button button-primary" data-testid="test-start" aria-busy={busy === 'start'} aria-disabled={busy !== null}
              onClick={() => void run.start(variant)}>
              {busy === 'start' ? 'Starting…' : 'Start'}
            </button>
          )}
        </div>
      </div>
      {run.failure && <ErrorAlert error={run.failure.error} title={run.failure.action === 'start' ? 'Not started' : 'Could not stop it'} testId="test-start-error" />}
      {job && (
        <div className="test-run-status" role="status">
          <JobStateBadge state={job.state} words={RUN_WORDS} />
          <span>{active && !run.live ? 'Starting the container and loading the model…' : job.title}</span>
          {job.startedAt && <span className="status-time">since {formatTime(job.startedAt)}</span>}
        </div>
      )}
      {job && <JobFailure job={job} title="The run failed" testId="test-run-error" />}
      {notBuilt && (
        <div className="form-actions">
          <button type="button" className="button button-primary" data-testid="test-build-this" onClick={onBuild}>
            Build it
          </button>
        </div>
      )}
      {run.live && <HealthPanel run={run} />}
      {run.live && run.jobId && <WatchPanel jobId={run.jobId} />}
      {snapshot && (
        <div className="log-compact" style={{ '--log-fit': `${fittedLogHeight(snapshot.lineCount)}px` } as CSSProperties}>
          <h3 className="subheading">Container log</h3>
          <LogView lines={lines} count={snapshot.lineCount} label="Container log" testId="test-log"
            emptyText={snapshot.replaying ? 'Reading the log…' : ended ? 'No output: the run ended before its container wrote anything.' : 'Waiting for output…'} />
        </div>
      )}
    </Panel>
  );
}
