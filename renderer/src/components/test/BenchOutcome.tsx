import type { Job } from '../../../../shared/contract';
import type { BenchResult } from '../../hooks/use-bench';
import { runHref } from '../../hooks/use-runs-route';
import { formatMs, formatRate, formatThroughput } from '../runs/run-format';
import { JobFailure } from './JobFailure';

/** How a bench ended: its headline numbers and a way to its charts, or why it did not finish. */
export function BenchOutcome({ job, result }: { job: Job; result: BenchResult | null }) {
  if (job.state === 'cancelled') {
    return (
      <div className="alert alert-info" role="status">
        <p className="alert-title">Bench cancelled</p>
        <p>Nothing was kept from it; the containers it started are removed.</p>
      </div>
    );
  }
  if (job.state !== 'succeeded') return <JobFailure job={job} title="Bench failed" testId="bench-error" />;
  if (!result) return <p className="muted">Finished; reading the result…</p>;
  const warm = result.summary?.warm;
  return (
    <div className="alert alert-ok" role="status" data-testid="bench-result">
      <p className="alert-title">Bench complete</p>
      {warm && (
        <p>
          {warm.count.toLocaleString()} requests: p50 {formatMs(warm.p50Ms)}, p99 {formatMs(warm.p99Ms)}, max {formatMs(warm.maxMs)}, errors{' '}
          {formatRate(warm.errorRate)}, {formatThroughput(warm.throughputPerSec)}.
        </p>
      )}
      <a className="button button-primary" href={runHref(result.runId)} data-testid="bench-open-run">
        Open the run’s charts
      </a>
    </div>
  );
}
