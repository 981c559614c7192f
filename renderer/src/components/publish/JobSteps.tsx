import type { Job } from '../../../../shared/contract';
import type { JobSnapshot } from '../../hooks/job-buffer';

/** Lines of a job's log that say it waited and tried again (throttling, 409, a role still propagating). */
const RETRY = /\bretr(y|ying|ied)\b|\bwaiting\b/i;

/** Where a publish-side job is: its step (n of N), the step's progress (push bytes) and the retries it made. */
export function JobSteps({ snapshot, label, testId }: { snapshot: JobSnapshot; label: string; testId: string }) {
  const { step, progress } = snapshot;
  const state: Job['state'] = snapshot.job?.state ?? 'queued';
  const done = state === 'succeeded';
  const stepFraction = step?.total ? (step.index + (progress?.fraction ?? 0)) / step.total : (progress?.fraction ?? 0);
  const percent = done ? 100 : Math.min(100, Math.max(0, stepFraction * 100));
  const text = done ? 'Done' : step ? `${step.name}${step.total ? ` (${Math.min(step.index + 1, step.total)} of ${step.total})` : ''}` : state === 'queued' ? 'Waiting…' : 'Starting…';
  const retries = snapshot.lines.slice(0, snapshot.lineCount).filter((l) => RETRY.test(l.line)).slice(-5);
  return (
    <div className="build-progress" data-testid={testId}>
      <div className="build-progress-text">
        <strong>{text}</strong>
        {!done && progress?.message && <span className="muted" data-testid={`${testId}-detail`}>{progress.message}</span>}
      </div>
      <div className={`progress-track progress-${state}`} role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100}
        aria-valuenow={Math.round(percent)} aria-valuetext={text}>
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      {retries.length > 0 && (
        <ul className="job-retries" aria-label="Retries" data-testid={`${testId}-retries`}>
          {retries.map((line, index) => (
            <li key={index}>{line.line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
