import type { BenchProgress as LiveNumbers, BenchRun, Job } from '../../../../shared/contract';
import type { JobProgress, JobStep } from '../../hooks/job-buffer';
import { formatMs } from '../runs/run-format';

interface BenchProgressProps {
  state: Job['state'];
  step: JobStep | null;
  progress: JobProgress | null;
  /** The run an ended bench stored (undefined while it is looked up): what a cancelled bench kept. */
  run?: BenchRun | null;
}

/**
 * Where a bench is, k6 style: done of total, elapsed and ETA, the recent rate, errors and live p50/p99
 * while it measures; cold start k/K after. Once it has ended it says how, never the last "Measuring".
 */
export function BenchProgress({ state, step, progress, run }: BenchProgressProps) {
  const live = progress?.bench ?? null;
  const ended = state !== 'queued' && state !== 'running';
  const percent = state === 'succeeded' ? 100 : live?.total ? (live.done / live.total) * 100 : step && step.index > 2 ? 100 : 0;
  const text = ended ? endedText(state, run) : live ? phaseText(live) : step ? step.name : state === 'queued' ? 'Waiting…' : 'Starting…';

  return (
    <div className="build-progress bench-progress" data-testid="bench-progress" data-state={state}>
      <div className="build-progress-text">
        <strong data-testid="bench-progress-text">{text}</strong>
      </div>
      {!ended && live?.phase === 'measuring' && <LiveFigures live={live} />}
      <div className={`progress-track progress-${state}`} role="progressbar" aria-label="Bench progress" aria-valuemin={0} aria-valuemax={100}
        aria-valuenow={Math.round(percent)} aria-valuetext={text}>
        <div className="progress-fill" style={{ width: `${Math.min(100, Math.max(0, percent))}%` }} />
      </div>
    </div>
  );
}

function phaseText(live: LiveNumbers): string {
  if (live.phase === 'warmup') return `Warming up before ${count(live.total ?? 0)} measured requests…`;
  if (live.phase === 'cold') return `Cold start ${Math.min(live.done + 1, live.total ?? 0)}/${live.total ?? '?'}`;
  return `Measuring: ${count(live.done)} requests of ${live.total === null ? '?' : count(live.total)}`;
}

/** How it ended, in words that match the outcome below: a cancel names what was kept. */
function endedText(state: Job['state'], run: BenchRun | null | undefined): string {
  if (state === 'succeeded') return 'Done';
  const kept = run?.summary?.warm?.count;
  const keptText = run === undefined ? '' : kept ? ` — kept ${count(kept)} measured requests as a partial run` : ' — nothing was measured';
  if (state === 'cancelled') return `Cancelled${keptText}`;
  if (state === 'interrupted') return `Interrupted${keptText}`;
  return `Stopped${keptText}`;
}

/** The live numbers, each labelled: elapsed, ETA, rate, errors, p50, p99. */
function LiveFigures({ live }: { live: LiveNumbers }) {
  const figures: Array<[string, string, string]> = [
    ['Elapsed', seconds(live.elapsedMs), 'elapsed'],
    ['ETA', live.etaMs === null ? '–' : seconds(live.etaMs), 'eta'],
    ['Rate', live.ratePerSec === null ? '–' : `${count(Math.round(live.ratePerSec))} req/s`, 'rate'],
    ['Errors', count(live.errors), 'errors'],
    ['p50', formatMs(live.p50Ms), 'p50'],
    ['p99', formatMs(live.p99Ms), 'p99'],
  ];
  return (
    <dl className="bench-live" data-testid="bench-live" aria-live="off">
      {figures.map(([label, value, id]) => (
        <div key={id} className="bench-live-figure">
          <dt className="muted">{label}</dt>
          <dd data-testid={`bench-live-${id}`}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

const count = (n: number) => n.toLocaleString('en-US');
/** "12.3 s" under a minute, then "4 min 05 s", then "2 h 43 min": an hours-long ETA read at a glance. */
function seconds(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const whole = Math.round(ms / 1000);
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
  return `${Math.floor(whole / 3600)} h ${String(Math.floor((whole % 3600) / 60)).padStart(2, '0')} min`;
}
