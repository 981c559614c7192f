import { describe, expect, it } from 'vitest';
import { summarise } from './summary';
import type { BenchSample } from './types';

function sample(seq: number, latencyMs: number, ok = true): BenchSample {
  return { seq, tMs: seq, latencyMs, ok, status: ok ? 200 : 'error', cold: false, serverDurationMs: null };
}

/** 1, 2, … 1000 ms: every percentile is known exactly. */
const uniform = Array.from({ length: 1000 }, (_, i) => sample(i, i + 1));

describe('summarise', () => {
  it('gives the exact nearest-rank percentiles of 1..1000 ms', () => {
    const summary = summarise(uniform, 10_000);
    expect(summary).toMatchObject({ count: 1000, errors: 0, errorRate: 0, throughputPerSec: 100, meanMs: 500.5, minMs: 1, maxMs: 1000 });
    expect([summary.p50Ms, summary.p90Ms, summary.p99Ms, summary.p999Ms]).toEqual([500, 900, 990, 999]);
  });

  it('reads a latency off a sample, not a histogram bucket: p99 of 12.3456, 12.3457 … is one of them', () => {
    const odd = Array.from({ length: 100 }, (_, i) => sample(i, 12.3456 + i / 10_000));
    expect(summarise(odd, 1).p99Ms).toBe(odd[98].latencyMs);
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
    expect(summary.p999Ms).toBe(20.0004);
    expect(summary.maxMs).toBe(20.0004);
  });

  it('summarises no samples as zeros', () => {
    expect(summarise([], 0)).toEqual({ count: 0, errors: 0, errorRate: 0, throughputPerSec: 0, meanMs: 0, p50Ms: 0, p90Ms: 0, p99Ms: 0, p999Ms: 0, maxMs: 0, minMs: 0 });
  });
});
