import { runTargetLabel } from '../../../../shared/bench/run-target';
import type { BenchEnvironments, BenchRequest, BenchRun } from '../../../../shared/contract';

export { formatMs } from '../../../../shared/bench/format-ms';

/** 0.0123 → "1.23%"; 0 → "0%". */
export function formatRate(rate: number): string {
  if (rate === 0) return '0%';
  const percent = rate * 100;
  return `${percent >= 10 ? percent.toFixed(0) : percent.toPrecision(2)}%`;
}

export const formatThroughput = (perSec: number): string => `${perSec >= 100 ? Math.round(perSec).toLocaleString() : perSec.toPrecision(3)}/s`;

/** "closed 200 × 2" or "open 50/s × 10 s": the load in the words of the bench form. */
export function formatLoad(load: BenchRequest['load']): string {
  return load.mode === 'closed'
    ? `closed ${load.requests.toLocaleString()} × ${load.concurrency}`
    : `open ${load.ratePerSec.toLocaleString()}/s × ${load.durationSec} s`;
}

/** "6 environments", "4 of 64 environments (capped)": a table cell's worth of the Lambda environments a run had. */
export function formatEnvironments({ requested, effective, cappedBy }: BenchEnvironments): string {
  const count = `${effective} environment${effective === 1 ? '' : 's'}`;
  if (cappedBy === null) return count;
  return requested === null ? `up to ${count} (capped)` : `${effective} of ${requested} environments (capped)`;
}

export const formatExtras = (settings: BenchRequest): string => `warm-up ${settings.warmup}, cold ${settings.coldStarts}`;

/** "6 Dec 2026, 14:03:27" in the reader's locale: a run's date is always shown, as "today" is not a date a table keeps. */
export function formatWhen(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** The full timestamp for a hover: "Sunday, 6 December 2026 at 14:03:27 GMT+1 (2026-12-06T13:03:27.000Z)". */
export function formatWhenFull(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'long' })} (${date.toISOString()})`;
}

/** A run's target: "local · aws-lambda" on this machine, "AWS Lambda · prod v3" for a deployment's version. */
export const runTargetText = (target: BenchRun['target']): string => runTargetLabel(target);

/** How a run is named in legends and pickers: its own name when given, else "numpy-classifier · local · aws-lambda · 6 Dec 2026, 14:03:27". */
export const runLabel = (run: BenchRun): string => run.name || `${run.project} · ${runTargetText(run.target)} · ${formatWhen(run.createdAt)}`;
