import { describe, expect, it } from 'vitest';
import { histogramBuckets, percentileDistribution, summarise } from './summary';
import type { BenchSample } from './types';

function sample(seq: number, latencyMs: number, ok = true): BenchSample {
  return { seq, tMs: seq, latencyMs, ok, status: ok ? 200 : 'error', cold: false, serverDurationMs: null };
}

/** 1, 2, … 1000 ms: every percentile is known exactly. */
const uniform = Array.from({ length: 1000 }, (_, i) => sample(i, i + 1));

describe('summarise', () => {
  it('gives the percentiles of 1..1000 ms to 3 significant digits', () => {
    const summary = summarise(uniform, 10_000);
    expect(summary).toMatchObject({ count: 1000, errors: 0, errorRate: 0, throughputPerSec: 100, meanMs: 500.5, minMs: 1, maxMs: 1000 });
    for (const [value, expected] of [
      [summary.p50Ms, 500],
      [summary.p90Ms, 900],
      [summary.p99Ms, 990],
      [summary.p999Ms, 999],
    ]) {
      expect(value).toBeGreaterThanOrEqual(expected);
      expect(value).toBeLessThanOrEqual(expected * 1.001);
    }
  });

  it('keeps microsecond resolution for fast responses', () => {
    const summary = summarise([sample(0, 0.25), sample(1, 0.5), sample(2, 0.75)], 1);
    expect(summary.p50Ms).toBe(0.5);
    expect(summary.minMs).toBe(0.25);
    expect(summary.maxMs).toBe(0.75);
  });

  it('counts errors in the rate but keeps their times out of the latency', () => {
    const withErrors = [...uniform, ...Array.from({ length: 10 }, (_, i) => sample(1000 + i, 5000, false))];
    const summary = summarise(withErrors, 10_000);
    expect(summary).toMatchObject({ count: 1010, errors: 10, maxMs: 1000, throughputPerSec: 100 });
    expect(summary.errorRate).toBeCloseTo(10 / 1010, 10);
  });

  it('never reports a percentile above the slowest sample', () => {
    const summary = summarise([sample(0, 20.0004)], 1);
    expect(summary.p999Ms).toBeLessThanOrEqual(summary.maxMs);
    expect(summary.maxMs).toBe(20);
  });

  it('summarises no samples as zeros', () => {
    expect(summarise([], 0)).toEqual({ count: 0, errors: 0, errorRate: 0, throughputPerSec: 0, meanMs: 0, p50Ms: 0, p90Ms: 0, p99Ms: 0, p999Ms: 0, maxMs: 0, minMs: 0 });
  });
});

describe('percentileDistribution', () => {
  it('walks from 0% to 100%, denser towards the tail, never going back', () => {
    const points = percentileDistribution(uniform);
    expect(points[0]).toEqual({ percentile: 0, latencyMs: 1 });
    expect(points.at(-1)).toEqual({ percentile: 100, latencyMs: 1000 });
    for (let i = 1; i < points.length; i++) {
      expect(points[i].percentile).toBeGreaterThanOrEqual(points[i - 1].percentile);
      expect(points[i].latencyMs).toBeGreaterThanOrEqual(points[i - 1].latencyMs);
    }
    const tail = points.filter((p) => p.percentile >= 90).length;
    const body = points.filter((p) => p.percentile < 50).length;
    expect(tail).toBeGreaterThan(body);
    const p99 = points.find((p) => p.percentile >= 99)!;
    expect(p99.latencyMs).toBeCloseTo(990, -1);
  });

  it('has no points without successful samples', () => {
    expect(percentileDistribution([sample(0, 3, false)])).toEqual([]);
  });
});

describe('histogramBuckets', () => {
  it('splits 1..1000 ms into equal-width buckets that hold every sample once', () => {
    const buckets = histogramBuckets(uniform, 10);
    expect(buckets).toHaveLength(10);
    expect(buckets[0].fromMs).toBe(1);
    expect(buckets[9].toMs).toBe(1000);
    expect(buckets.reduce((n, b) => n + b.count, 0)).toBe(1000);
    for (const bucket of buckets) {
      expect(bucket.toMs - bucket.fromMs).toBeCloseTo(99.9, 6);
      expect(bucket.count).toBeGreaterThanOrEqual(99);
      expect(bucket.count).toBeLessThanOrEqual(101);
    }
  });

  it('puts identical latencies in one bucket and leaves errors out', () => {
    expect(histogramBuckets([sample(0, 7), sample(1, 7), sample(2, 90, false)])).toEqual([{ fromMs: 7, toMs: 7, count: 2 }]);
    expect(histogramBuckets([])).toEqual([]);
  });

  it('uses 20 buckets unless told', () => {
    expect(histogramBuckets(uniform)).toHaveLength(20);
  });
});
