import type { Job } from '../../../../shared/contract';
import type { JobProgress, JobStep } from '../../hooks/job-buffer';

interface BuildProgressProps {
  state: Job['state'];
  step: JobStep | null;
  progress: JobProgress | null;
}

const STATE_TEXT: Partial<Record<Job['state'], string>> = {
  queued: 'Waiting for the engine…',
  succeeded: 'Built',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

/** Which Dockerfile step is running, as a progress bar whose value is the step number. */
export function BuildProgress({ state, step, progress }: BuildProgressProps) {
  const total = step?.total ?? 0;
  const done = state === 'succeeded';
  const value = done ? total : step ? step.index - 1 : 0;
  const percent = done ? 100 : total > 0 ? (value / total) * 100 : (progress?.fraction ?? 0) * 100;
  const stepText = step ? `Step ${step.index}${total ? `/${total}` : ''}` : (STATE_TEXT[state] ?? 'Starting…');

  return (
    <div className="build-progress" data-testid="build-progress">
      <div className="build-progress-text">
        <strong>{stepText}</strong>
        {step && <code className="build-progress-step">{step.name}</code>}
        {step && STATE_TEXT[state] && <span className="muted">{STATE_TEXT[state]}</span>}
      </div>
      <div className={`progress-track progress-${state}`} role="progressbar" aria-label="Build steps" aria-valuemin={0}
        aria-valuemax={total || 100} aria-valuenow={total ? value : Math.round(percent)}
        aria-valuetext={`${stepText}${step ? `: ${step.name}` : ''}`}>
        <div className="progress-fill" style={{ width: `${Math.min(100, Math.max(0, percent))}%` }} />
      </div>
    </div>
  );
}
