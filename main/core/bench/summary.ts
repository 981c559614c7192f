import * as hdr from 'hdr-histogram-js';
import type { BenchSample, LatencySummary } from './types';

const US_PER_MS = 1000;
/** Points per halving of the distance to 100%: HdrHistogram's own default for percentile plots. */
const TICKS_PER_HALF_DISTANCE = 5;
const DEFAULT_BUCKETS = 20;

/**
 * Latency statistics over the successful samples, by an HDR histogram at microsecond resolution
 * and 3 significant digits; count, errors and error rate over all samples.
 */
export function summarise(samples: BenchSample[], wallMs: number): LatencySummary {
  const errors = samples.reduce((n, s) => (s.ok ? n : n + 1), 0);
  const succeeded = samples.length - errors;
  const histogram = latencyHistogram(samples);
  const atPercentile = (p: number) => Math.min(histogram.getValueAtPercentile(p), histogram.maxValue) / US_PER_MS;
  const summary: LatencySummary = {
    count: samples.length,
    errors,
    errorRate: samples.length > 0 ? errors / samples.length : 0,
    throughputPerSec: wallMs > 0 ? succeeded / (wallMs / 1000) : 0,
    meanMs: succeeded > 0 ? samples.reduce((sum, s) => (s.ok ? sum + s.latencyMs : sum), 0) / succeeded : 0,
    p50Ms: atPercentile(50),
    p90Ms: atPercentile(90),
    p99Ms: atPercentile(99),
    p999Ms: atPercentile(99.9),
    maxMs: histogram.maxValue / US_PER_MS,
    minMs: succeeded > 0 ? histogram.getValueAtPercentile(0) / US_PER_MS : 0,
  };
  histogram.destroy();
  return summary;
}

/** HDR percentile points, denser towards 100%, for a chart with a log-scaled 1/(1−p) axis. */
export function percentileDistribution(samples: BenchSample[]): Array<{ percentile: number; latencyMs: number }> {
  const histogram = latencyHistogram(samples);
  const points: Array<{ percentile: number; latencyMs: number }> = [];
  if (histogram.totalCount > 0) {
    const iterator = histogram.percentileIterator;
    iterator.reset(TICKS_PER_HALF_DISTANCE);
    while (iterator.hasNext()) {
      const step = iterator.next();
      points.push({ percentile: step.percentileLevelIteratedTo, latencyMs: Math.min(step.valueIteratedTo, histogram.maxValue) / US_PER_MS });
    }
  }
  histogram.destroy();
  return points;
}

/** Equal-width buckets from the fastest to the slowest successful sample, for a latency histogram chart. */
export function histogramBuckets(samples: BenchSample[], buckets = DEFAULT_BUCKETS): Array<{ fromMs: number; toMs: number; count: number }> {
  let minMs = Infinity;
  let maxMs = -Infinity;
  for (const s of samples) {
    if (!s.ok) continue;
    if (s.latencyMs < minMs) minMs = s.latencyMs;
    if (s.latencyMs > maxMs) maxMs = s.latencyMs;
  }
  if (minMs > maxMs) return [];
  const n = maxMs === minMs ? 1 : Math.max(1, Math.floor(buckets));
  const width = (maxMs - minMs) / n;
  const result = Array.from({ length: n }, (_, i) => ({ fromMs: minMs + i * width, toMs: i === n - 1 ? maxMs : minMs + (i + 1) * width, count: 0 }));
  for (const s of samples) {
    if (!s.ok) continue;
    // The slowest sample closes the last bucket rather than opening one of its own.
    const index = width === 0 ? 0 : Math.min(n - 1, Math.floor((s.latencyMs - minMs) / width));
    result[index].count++;
  }
  return result;
}

function latencyHistogram(samples: BenchSample[]): hdr.JsHistogram {
  // The pure JS implementation: it needs nothing loaded at run time and is fast enough for a run's samples.
  const histogram = hdr.build({ lowestDiscernibleValue: 1, numberOfSignificantValueDigits: 3, autoResize: true, useWebAssembly: false }) as hdr.JsHistogram;
  for (const s of samples) if (s.ok) histogram.recordValue(Math.max(0, Math.round(s.latencyMs * US_PER_MS)));
  return histogram;
}
