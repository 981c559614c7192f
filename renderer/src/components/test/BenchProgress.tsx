import type { Job } from '../../../../shared/contract';
import type { JobProgress, JobStep } from '../../hooks/job-buffer';

interface BenchProgressProps {
  state: Job['state'];
  step: JobStep | null;
  progress: JobProgress | null;
}

/** Where a bench is: starting environments, measuring (with the share of requests done), or cold starts. */
export function BenchProgress({ state, step, progress }: BenchProgressProps) {
  const done = state === 'succeeded';
  const measuring = step?.index === 2;
  const percent = done || (step && step.index > 2) ? 100 : measuring ? (progress?.fraction ?? 0) * 100 : 0;
  const text = done ? 'Done' : step ? step.name : state === 'queued' ? 'Waiting…' : 'Starting…';
  const detail = measuring && progress?.message ? progress.message : null;

  return (
    <div className="build-progress" data-testid="bench-progress">
      <div className="build-progress-text">
        <strong>{text}</strong>
        {detail && <span className="muted">{detail}</span>}
      </div>
      <div className={`progress-track progress-${state}`} role="progressbar" aria-label="Bench progress" aria-valuemin={0} aria-valuemax={100}
        aria-valuenow={Math.round(percent)} aria-valuetext={detail ? `${text}: ${detail}` : text}>
        <div className="progress-fill" style={{ width: `${Math.min(100, Math.max(0, percent))}%` }} />
      </div>
    </div>
  );
}
