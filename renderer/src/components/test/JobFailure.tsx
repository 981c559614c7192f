import type { Job } from '../../../../shared/contract';
import { RichText } from '../RichText';

/** Why a job failed or was interrupted, and what to do; nothing for a job that did not fail. */
export function JobFailure({ job, title, testId }: { job: Job; title: string; testId?: string }) {
  if (job.state !== 'failed' && job.state !== 'interrupted') return null;
  return (
    <div className="alert alert-error" role="alert" data-testid={testId}>
      <p className="alert-title">{job.state === 'failed' ? title : `${title}: Skylift stopped while it ran`}</p>
      {job.error && <pre className="alert-pre">{job.error.message}</pre>}
      {job.error?.hint && (
        <p className="alert-hint">
          <RichText text={job.error.hint} />
        </p>
      )}
    </div>
  );
}
