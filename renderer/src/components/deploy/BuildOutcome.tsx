import { buildResultSchema, type Job } from '../../../../shared/contract';
import { JobFailure } from '../test/JobFailure';

interface BuildOutcomeProps {
  job: Job;
  /** The job's `result` event value, if it has come. */
  result: unknown;
}

/** How a finished build ended, where the cards do not say it: a result still coming or unreadable, what went wrong and what to do. */
export function BuildOutcome({ job, result }: BuildOutcomeProps) {
  switch (job.state) {
    case 'succeeded': {
      if (result === undefined) return <p className="muted">Built; reading the result…</p>;
      const parsed = buildResultSchema.safeParse(result);
      if (!parsed.success) {
        return (
          <div className="alert alert-info" role="status" data-testid="build-results-unreadable">
            <p className="alert-title">Built, but its summary could not be read</p>
            <p>The images are tagged in the engine. This window may be older than the Skylift core it talks to: reload it.</p>
          </div>
        );
      }
      // Its images are shown as cards, one per variant (BuiltCards), kept across builds.
      return null;
    }
    case 'failed':
    case 'interrupted':
      return <JobFailure job={job} title="Build failed" testId="build-error" />;
    case 'cancelled':
      return (
        <div className="alert alert-info" role="status" data-testid="build-cancelled">
          <p className="alert-title">Build cancelled</p>
          <p>Steps that finished stay in the engine's build cache, so the next build starts from them.</p>
        </div>
      );
    default:
      return null;
  }
}
