import type { BenchRun } from '../../../../shared/contract';
import { formatUsd } from '../publish/publish-format';
import { formatMs, formatRate, formatThroughput } from './run-format';

/** One figure compared across runs: how to read it from a run and how to print it and its difference. */
export interface CompareFigure {
  label: string;
  read: (run: BenchRun) => number | null | undefined;
  format: (value: number) => string;
  /** The absolute difference, signed: "+1.23 ms", "−0.5 pp". */
  delta: (difference: number) => string;
}

const sign = (value: number) => (value > 0 ? '+' : value < 0 ? '−' : '±');
const signed = (value: number, print: (magnitude: number) => string) => `${sign(value)}${print(Math.abs(value))}`;

const latency = (label: string, pick: (s: NonNullable<NonNullable<BenchRun['summary']>['warm']>) => number, phase: 'warm' | 'cold' = 'warm'): CompareFigure => ({
  label,
  read: (run) => {
    const summary = run.summary?.[phase];
    return summary ? pick(summary) : null;
  },
  format: formatMs,
  delta: (d) => signed(d, formatMs),
});

/** The figures Compare sets side by side, in the order the summary tables show them. */
export const COMPARE_FIGURES: readonly CompareFigure[] = [
  latency('Warm p50', (s) => s.p50Ms),
  latency('Warm p90', (s) => s.p90Ms),
  latency('Warm p99', (s) => s.p99Ms),
  latency('Warm p99.9', (s) => s.p999Ms),
  latency('Warm max', (s) => s.maxMs),
  latency('Warm mean', (s) => s.meanMs),
  {
    label: 'Throughput',
    read: (run) => run.summary?.warm?.throughputPerSec,
    format: formatThroughput,
    delta: (d) => signed(d, formatThroughput),
  },
  {
    label: 'Error rate',
    read: (run) => run.summary?.warm?.errorRate,
    format: formatRate,
    // Percentage points: a ratio of two rates near zero says little.
    delta: (d) => `${sign(d)}${Number((Math.abs(d) * 100).toPrecision(2))} pp`,
  },
  latency('Cold start p50', (s) => s.p50Ms, 'cold'),
  {
    label: 'Cost per 1M',
    read: (run) => run.cost?.perMillion.total,
    format: formatUsd,
    delta: (d) => signed(d, formatUsd),
  },
];

export interface FigureDifference {
  value: string;
  /** The run's figure minus the baseline's, signed; '–' where either is missing. */
  delta: string;
  /** The run's figure over the baseline's: "1.25×"; '–' where either is missing or the baseline is 0. */
  ratio: string;
}

/** A figure of `run` against the same figure of `baseline`. */
export function compareFigure(figure: CompareFigure, baseline: BenchRun, run: BenchRun): FigureDifference {
  const base = figure.read(baseline);
  const value = figure.read(run);
  const known = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n);
  if (!known(value)) return { value: '–', delta: '–', ratio: '–' };
  if (!known(base)) return { value: figure.format(value), delta: '–', ratio: '–' };
  const ratio = base === 0 ? '–' : `${formatRatio(value / base)}×`;
  return { value: figure.format(value), delta: figure.delta(value - base), ratio };
}

/** 1.2345 → "1.23", 12.345 → "12.3", 0.5 → "0.500": three significant digits. */
export const formatRatio = (ratio: number): string => ratio.toPrecision(3);

/** Figures that at least one run has (a cost row only when some run was priced). */
export const figuresFor = (runs: readonly BenchRun[]): CompareFigure[] => COMPARE_FIGURES.filter((figure) => runs.some((run) => typeof figure.read(run) === 'number'));
