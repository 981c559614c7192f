/**
 * The one percentile method Skylift shows, in summary tables, charts, the CLI and exports: the
 * nearest rank over every stored sample. A run keeps every request's latency, so reading the
 * sorted samples costs one sort (milliseconds at 100k samples) and, unlike a histogram's bucket
 * value, gives the same p99 wherever the run is looked at.
 */

/** Tolerance for fraction × count landing a hair off a whole rank (0.99 × 100 = 99.00000000000001). */
const RANK_EPSILON = 1e-9;

/**
 * The latency that `fraction` of the requests met or beat: the ⌈fraction·n⌉-th smallest of `sorted`
 * (ascending). 0 for no samples; fraction 1 is the slowest request.
 */
export function latencyAtPercentile(sorted: ArrayLike<number>, fraction: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const rank = Math.ceil(fraction * n - RANK_EPSILON);
  return sorted[Math.min(n - 1, Math.max(0, rank - 1))];
}

/** The latencies sorted ascending, as the percentile reader needs them. */
export function sortLatencies(latencies: Iterable<number>): Float64Array {
  return Float64Array.from(latencies).sort();
}
