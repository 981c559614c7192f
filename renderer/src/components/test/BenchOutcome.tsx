import type { BenchRun, Job } from '../../../../shared/contract';
import type { BenchResult } from '../../hooks/use-bench';
import { runHref } from '../../hooks/use-runs-route';
import { formatMs, formatRate, formatThroughput } from '../runs/run-format';
import { JobFailure } from './JobFailure';

interface BenchOutcomeProps {
  job: Job;
  result: BenchResult | null;
  /** The run the bench stored, once it has ended: undefined while it is looked up. */
  run: BenchRun | null | undefined;
}

/** How a bench ended: its headline numbers and a way to its charts; for a bench that stopped early, what it kept. */
export function BenchOutcome({ job, result, run }: BenchOutcomeProps) {
  if (job.state === 'cancelled') {
    return (
      <div className="alert alert-info" role="status" data-testid="bench-cancelled">
        <p className="alert-title">Bench cancelled</p>
        <KeptPart run={run} stoppedBy="the cancel" />
      </div>
    );
  }
  if (job.state !== 'succeeded') {
    return (
      <>
        <JobFailure job={job} title="Bench failed" testId="bench-error" />
        {run?.summary?.warm && <KeptPart run={run} stoppedBy="it stopped" />}
      </>
    );
  }
  if (!result) return <p className="muted">Finished; reading the result…</p>;
  const warm = result.summary?.warm;
  return (
    <div className="alert alert-ok" role="status" data-testid="bench-result">
      <p className="alert-title">Bench complete</p>
      {warm && <p><Headline warm={warm} /></p>}
      <a className="button button-primary" href={runHref(result.runId)} data-testid="bench-open-run">
        Open the run’s charts
      </a>
    </div>
  );
}

/** What a bench that stopped early kept: the requests measured before it stopped, as a partial run. */
function KeptPart({ run, stoppedBy }: { run: BenchRun | null | undefined; stoppedBy: string }) {
  if (run === undefined) return <p className="muted">Reading what it kept…</p>;
  const warm = run?.summary?.warm;
  if (!run || !warm) return <p>No request was measured before {stoppedBy}; the containers it started are removed.</p>;
  return (
    <div data-testid="bench-partial">
      <p>
        Kept as a partial run: the {warm.count.toLocaleString()} requests measured before {stoppedBy}. <Headline warm={warm} />
      </p>
      <a className="button" href={runHref(run.id)} data-testid="bench-open-run">
        Open the partial run
      </a>
    </div>
  );
}

function Headline({ warm }: { warm: NonNullable<NonNullable<BenchResult['summary']>['warm']> }) {
  return (
    <>
      {warm.count.toLocaleString()} requests: p50 {formatMs(warm.p50Ms)}, p99 {formatMs(warm.p99Ms)}, max {formatMs(warm.maxMs)}, errors {formatRate(warm.errorRate)},{' '}
      {formatThroughput(warm.throughputPerSec)}.
    </>
  );
}
