import { describe, expect, it } from 'vitest';
import { summarise } from '../../../../shared/bench/summary';
import { columnsFromSamples, type BenchSampleData } from '../../../../shared/contract';
import { formatPercentile, latencyHistogram, percentileCurves, percentileToX, timelinePoints, warmLatencies } from './latency-math';

const sample = (seq: number, latencyMs: number, extra: Partial<BenchSampleData> = {}): BenchSampleData => ({
  seq, tMs: seq * 10, latencyMs, ok: true, status: 200, cold: false, serverDurationMs: null, ...extra,
});

describe('latency math for the run charts', () => {
  it('keeps only successful warm requests, sorted', () => {
    const latencies = warmLatencies(columnsFromSamples([sample(0, 5), sample(1, 1), sample(2, 9, { ok: false }), sample(3, 700, { cold: true }), sample(4, 3)]));
    expect([...latencies]).toEqual([1, 3, 5]);
  });

  it('puts 90%, 99% and 99.9% one unit apart on the percentile axis and labels them back', () => {
    expect(percentileToX(0.9)).toBeCloseTo(1);
    expect(percentileToX(0.999)).toBeCloseTo(3);
    expect([0, 1, 2, 3, 4].map(formatPercentile)).toEqual(['0%', '90%', '99%', '99.9%', '99.99%']);
  });

  it('reads each percentile from the sorted samples by nearest rank, on one grid for runs of any size', () => {
    const small = Float64Array.from({ length: 10 }, (_, i) => i + 1);
    const large = Float64Array.from({ length: 1000 }, (_, i) => i + 1);
    const { x, ys, maxX } = percentileCurves([small, large]);
    expect(maxX).toBe(3);
    expect(x[0]).toBe(0);
    expect(x[x.length - 1]).toBeCloseTo(3);
    expect(ys[0][0]).toBe(1);
    expect(ys[1][x.findIndex((v) => v >= 1 - 1e-9)]).toBe(900);
    // The small run reaches 90% (x = 1) and no further: 9 of its 10 requests took 9 ms or less.
    const smallValues = ys[0].filter((v) => v !== null);
    expect(smallValues[smallValues.length - 1]).toBe(9);
    expect(ys[0][ys[0].length - 1]).toBeNull();
    expect(ys[1][ys[1].length - 1]).toBe(999);
  });

  it("shows the summary table's p90, p99 and p99.9 for the same run, at the axis' own ticks: one percentile method", () => {
    // Latencies a histogram would round (3 significant digits), with errors and cold starts mixed in.
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const samples = Array.from({ length: 10_000 }, (_, i) => sample(i, 1 + random() * 50 + (random() < 0.02 ? 400 * random() : 0), {
      ok: random() > 0.01,
      cold: i % 2500 === 0,
    }));
    const table = summarise(samples.filter((s) => !s.cold), 1000);
    const { x, ys } = percentileCurves([warmLatencies(columnsFromSamples(samples))]);
    const chartAt = (nines: number) => ys[0][x.findIndex((v) => Math.abs(v - nines) < 1e-9)];
    expect(chartAt(2)).toBe(table.p99Ms);
    expect(chartAt(3)).toBe(table.p999Ms);
    expect(chartAt(1)).toBe(table.p90Ms);
    expect(ys[0][0]).toBe(table.minMs);
  });

  it('counts every request into one shared set of log-spaced buckets, as a share of its run', () => {
    const a = Float64Array.from([1, 1, 10, 100]);
    const b = Float64Array.from([100, 100]);
    const { edges, ys } = latencyHistogram([a, b], 8);
    expect(edges[0]).toBeCloseTo(1);
    expect(edges[edges.length - 1]).toBeCloseTo(100);
    expect(ys[0].reduce((sum, v) => sum + v, 0)).toBeCloseTo(100);
    expect(ys[1][ys[1].length - 2]).toBeCloseTo(100);
    expect(ys[0][ys[0].length - 1]).toBe(0);
  });

  it('splits the timeline into requests, errors and cold starts, in seconds', () => {
    const points = timelinePoints(columnsFromSamples([sample(0, 2), sample(1, 0, { ok: false }), sample(2, 900, { cold: true, tMs: 5000 })]));
    const plain = ([x, y]: [Float64Array, Float64Array]) => [[...x], [...y]];
    expect(plain(points.requests)).toEqual([[0], [2]]);
    expect([...points.errors[0]]).toEqual([0.01]);
    expect(points.errors[1][0]).toBeGreaterThan(0);
    expect(plain(points.cold)).toEqual([[5], [900]]);
  });
});
