import { terminalJobStates, type Job } from '../../../../shared/contract';
import { BuildForm } from '../../components/deploy/BuildForm';
import { BuildOutcome } from '../../components/deploy/BuildOutcome';
import { BuildProgress } from '../../components/deploy/BuildProgress';
import { BuiltCards } from '../../components/deploy/BuiltCards';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTime } from '../../components/format';
import { LogView } from '../../components/log/LogView';
import { Panel } from '../../components/Panel';
import { PathText } from '../../components/PathText';
import { StatusBadge } from '../../components/StatusBadge';
import { useBuild } from '../../hooks/use-build';

interface BuildStepProps {
  dir: string;
  /** Why a build cannot start now, or null. */
  blockedBy: string | null;
  /** Go on to the Test step. */
  onContinue: () => void;
}

const STATE_BADGE: Record<Job['state'], { tone: 'ok' | 'bad' | 'neutral'; word: string }> = {
  queued: { tone: 'neutral', word: 'Queued' },
  running: { tone: 'neutral', word: 'Running' },
  succeeded: { tone: 'ok', word: 'Succeeded' },
  failed: { tone: 'bad', word: 'Failed' },
  cancelled: { tone: 'neutral', word: 'Cancelled' },
  interrupted: { tone: 'bad', word: 'Interrupted' },
};

/** Step 2: build the project's images as a job, following its steps and log live (or replayed, on coming back). */
export function BuildStep({ dir, blockedBy, onContinue }: BuildStepProps) {
  const build = useBuild(dir);
  const { snapshot } = build;
  const job = snapshot?.job ?? null;

  return (
    <div className="panel-stack">
      <Panel title="Build images">
        <p className="build-project">
          Project <code><PathText text={dir} /></code>
        </p>
        <BuildForm active={build.active} busy={build.busy} blockedBy={blockedBy} onStart={(options) => void build.start(options)}
          onCancel={() => void build.cancel()} />
        {build.failure && (
          <ErrorAlert error={build.failure.error} title={build.failure.action === 'start' ? 'Build not started' : 'Could not cancel'}
            testId="build-start-error" />
        )}
      </Panel>
      <BuiltCards cards={build.cards} onContinue={onContinue} />
      {snapshot && (
        <section className="panel build-run" aria-label="Latest build">
          <header className="build-run-header">
            <h2 className="build-run-title">{job?.title ?? 'Build'}</h2>
            {job && <StatusBadge tone={STATE_BADGE[job.state].tone}>{STATE_BADGE[job.state].word}</StatusBadge>}
            {job?.startedAt && <span className="status-time">started {formatTime(job.startedAt)}</span>}
          </header>
          {job && <BuildProgress state={job.state} step={snapshot.step} progress={snapshot.progress} />}
          {job && <BuildOutcome job={job} result={snapshot.result} />}
          {snapshot.loadError !== undefined && <ErrorAlert error={{ message: 'Could not read the stored log of this build.' }} />}
          <LogView lines={snapshot.lines} count={snapshot.lineCount} label="Build log" testId="build-log"
            emptyText={snapshot.replaying ? 'Reading the log…' : job && terminalJobStates.includes(job.state) ? 'No output.' : 'Waiting for output…'} />
        </section>
      )}
    </div>
  );
}
