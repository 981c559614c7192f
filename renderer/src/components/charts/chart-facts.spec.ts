import { describe, expect, it } from 'vitest';
import { summarise } from '../../../../shared/bench/summary';
import { columnsFromSamples, type BenchSampleData } from '../../../../shared/contract';
import { formatMs } from '../runs/run-format';
import { percentileFacts, timelineFacts } from './chart-facts';
import { timelinePoints, warmLatencies } from './latency-math';

const sample = (seq: number, latencyMs: number, extra: Partial<BenchSampleData> = {}): BenchSampleData => ({
  seq, tMs: seq * 10, latencyMs, ok: true, status: 200, cold: false, serverDurationMs: null, ...extra,
});

describe('the words under the charts', () => {
  const samples = [
    ...Array.from({ length: 1200 }, (_, i) => sample(i + 1, 1 + (i % 100) / 10)),
    sample(1201, 50, { ok: false }),
    sample(0, 800, { cold: true }),
  ];
  const columns = columnsFromSamples(samples);

  it('give the percentile chart\'s count and figures, the same as the summary computed from the same samples', () => {
    const summary = summarise(samples.filter((s) => !s.cold), 1000);
    const text = percentileFacts([{ label: 'run', latencies: warmLatencies(columns) }]);
    expect(text).toBe(`1,200 successful warm requests: p50 ${formatMs(summary.p50Ms)} · p99 ${formatMs(summary.p99Ms)} · max ${formatMs(summary.maxMs)}`);
  });

  it('count every request on the timeline by kind, and name the runs when there are several', () => {
    const points = timelinePoints(columns);
    expect(timelineFacts([{ label: 'a', points }])).toBe('1,202 requests: 1,200 answered warm, 1 failed, 1 cold start');
    expect(timelineFacts([{ label: 'a', points }, { label: 'b', points }])).toMatch(/^a: 1,202 requests: .*; b: 1,202 requests/);
  });
});
