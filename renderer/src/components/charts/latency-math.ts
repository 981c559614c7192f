import { latencyAtPercentile } from '../../../../shared/bench/percentile';
import type { SampleColumns } from '../../../../shared/contract';

/** Log scales cannot show 0; a latency below this (an overload refusal recorded as 0 ms) is drawn here. */
export const MIN_LATENCY_MS = 0.001;

/** The successful warm requests' latencies, sorted: what the percentile and histogram charts are made of, as the summary is. */
export function warmLatencies({ count, ok, cold, latencyMs }: SampleColumns): Float64Array {
  let warm = 0;
  for (let i = 0; i < count; i++) if (ok[i] && !cold[i]) warm++;
  const latencies = new Float64Array(warm);
  let at = 0;
  for (let i = 0; i < count; i++) if (ok[i] && !cold[i]) latencies[at++] = Math.max(MIN_LATENCY_MS, latencyMs[i]);
  return latencies.sort();
}

/** The percentile chart's x: log10(1 / (1 − p)), so 90%, 99%, 99.9% … sit one unit apart. */
export const percentileToX = (p: number): number => -Math.log10(1 - p);
export const xToPercentile = (x: number): number => 1 - 10 ** -x;

const POINTS_PER_DECADE = 250;

export interface PercentileCurves {
  /** Shared by every run: 0 up to the largest run's log10(count). */
  x: number[];
  /** Per run, the latency at each x; null beyond what the run's count can resolve. */
  ys: Array<Array<number | null>>;
  /** The axis end: a whole number of nines, at least one. */
  maxX: number;
}

/**
 * Latency by percentile for each run, sampled on one grid of x so runs of any size share an axis.
 * The value at p is read by the summary tables' own method (nearest rank over the sorted samples),
 * so the chart's p99 is the table's p99.
 */
export function percentileCurves(runs: readonly Float64Array[]): PercentileCurves {
  const lastX = Math.max(0, ...runs.map((sorted) => (sorted.length > 1 ? Math.log10(sorted.length) : 0)));
  // Whole steps per decade, so 90%, 99%, 99.9% … are points of their own, then the last x the largest run resolves.
  const steps = Math.floor(lastX * POINTS_PER_DECADE + 1e-9);
  const x = Array.from({ length: steps + 1 }, (_, i) => i / POINTS_PER_DECADE);
  if (lastX - x[steps] > 1e-9 || steps === 0) x.push(lastX > 0 ? lastX : 1);
  const ys = runs.map((sorted) => {
    const n = sorted.length;
    const runLastX = n > 1 ? Math.log10(n) : 0;
    return x.map((xi) => {
      if (n === 0 || xi > runLastX + 1e-9) return null;
      return latencyAtPercentile(sorted, xToPercentile(xi));
    });
  });
  return { x, ys, maxX: Math.max(1, Math.ceil(lastX - 1e-9)) };
}

/** "0%", "90%", "99%", "99.9%" …: as many decimals as the nines need. */
export function formatPercentile(x: number): string {
  const percent = xToPercentile(x) * 100;
  const decimals = Math.max(0, Math.ceil(x - 1e-9) - 2);
  return `${Number(percent.toFixed(decimals))}%`;
}

export interface Histogram {
  /** Bucket edges in ms, log-spaced: n + 1 of them for n buckets. */
  edges: number[];
  /** Per run, each bucket's share of the run's requests in %, and 0 at the last edge (where the outline drops). */
  ys: number[][];
}

/**
 * Log-spaced buckets from the fastest to the slowest request of all runs, shared so runs overlay;
 * counts as a share of each run's requests, so runs of different sizes compare.
 */
export function latencyHistogram(runs: readonly Float64Array[], maxBuckets = 60): Histogram {
  const filled = runs.filter((sorted) => sorted.length > 0);
  if (filled.length === 0) return { edges: [], ys: [] };
  const lo = Math.min(...filled.map((sorted) => sorted[0]));
  const hi = Math.max(...filled.map((sorted) => sorted[sorted.length - 1]));
  const largest = Math.max(...filled.map((sorted) => sorted.length));
  const buckets = Math.min(maxBuckets, Math.max(8, Math.round(Math.sqrt(largest))));
  const logLo = Math.log10(lo);
  // A run whose requests all took the same time still gets buckets of some width.
  const logHi = Math.max(Math.log10(hi), logLo + 0.01);
  const width = (logHi - logLo) / buckets;
  const edges = Array.from({ length: buckets + 1 }, (_, i) => 10 ** (logLo + i * width));
  const ys = runs.map((sorted) => {
    const counts = new Array<number>(buckets + 1).fill(0);
    for (const latency of sorted) counts[Math.min(buckets - 1, Math.floor((Math.log10(latency) - logLo) / width))]++;
    return counts.map((count) => (sorted.length > 0 ? (count / sorted.length) * 100 : 0));
  });
  return { edges, ys };
}

/** x (seconds since the run started) and y (latency ms) of some of a run's requests, for a scatter. */
export type Points = [x: Float64Array, y: Float64Array];

export interface TimelinePoints {
  requests: Points;
  errors: Points;
  cold: Points;
}

/** Every request of a run as a point in time: successful warm ones, failed ones, and cold starts apart. */
export function timelinePoints({ count, ok, cold, tMs, latencyMs }: SampleColumns): TimelinePoints {
  // 0: requests, 1: errors, 2: cold starts; counted first so each kind fills one typed array.
  const kindOf = (i: number) => (cold[i] ? 2 : ok[i] ? 0 : 1);
  const sizes = [0, 0, 0];
  for (let i = 0; i < count; i++) sizes[kindOf(i)]++;
  const kinds = sizes.map((size): Points => [new Float64Array(size), new Float64Array(size)]);
  const filled = [0, 0, 0];
  for (let i = 0; i < count; i++) {
    const kind = kindOf(i);
    const at = filled[kind]++;
    kinds[kind][0][at] = tMs[i] / 1000;
    kinds[kind][1][at] = Math.max(MIN_LATENCY_MS, latencyMs[i]);
  }
  return { requests: kinds[0], errors: kinds[1], cold: kinds[2] };
}
