import type { BenchSampleData, LatencySummaryData } from '../contract/runs';
import { latencyAtPercentile, sortLatencies } from './percentile';

/**
 * A run's numbers, as the summary tables, the CLI and exports show them: latency over the successful
 * samples by exact rank (the charts read the same ranks), count, errors and error rate over all.
 */
export function summarise(samples: ReadonlyArray<Pick<BenchSampleData, 'ok' | 'latencyMs'>>, wallMs: number): LatencySummaryData {
  const sorted = sortLatencies(okLatencies(samples));
  const succeeded = sorted.length;
  const errors = samples.length - succeeded;
  let total = 0;
  for (const latency of sorted) total += latency;
  const at = (fraction: number) => latencyAtPercentile(sorted, fraction);
  return {
    count: samples.length,
    errors,
    errorRate: samples.length > 0 ? errors / samples.length : 0,
    throughputPerSec: wallMs > 0 ? succeeded / (wallMs / 1000) : 0,
    meanMs: succeeded > 0 ? total / succeeded : 0,
    p50Ms: at(0.5),
    p90Ms: at(0.9),
    p99Ms: at(0.99),
    p999Ms: at(0.999),
    maxMs: succeeded > 0 ? sorted[succeeded - 1] : 0,
    minMs: succeeded > 0 ? sorted[0] : 0,
  };
}

function* okLatencies(samples: ReadonlyArray<Pick<BenchSampleData, 'ok' | 'latencyMs'>>): Generator<number> {
  for (const s of samples) if (s.ok) yield s.latencyMs;
}
