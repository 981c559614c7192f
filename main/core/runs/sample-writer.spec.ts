import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BenchSampleData } from '../../../shared/contract/runs';
import { SampleWriter } from './sample-writer';

const sample = (seq: number): BenchSampleData => ({ seq, tMs: seq, latencyMs: 1, ok: true, status: 200, cold: false, serverDurationMs: null });

describe('SampleWriter', () => {
  afterEach(() => vi.useRealTimers());

  it('writes nothing on the hot path; after the interval, in slices with a turn of the loop between them', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate'] });
    const batches: number[] = [];
    const writer = new SampleWriter((batch) => batches.push(batch.length), { sliceSize: 100, flushEveryMs: 250 });
    for (let i = 0; i < 250; i++) writer.add(sample(i));
    expect(batches).toEqual([]);
    vi.advanceTimersToNextTimer();
    expect(batches).toEqual([100]);
    vi.advanceTimersToNextTimer();
    expect(batches).toEqual([100, 100]);
    vi.advanceTimersToNextTimer();
    expect(batches).toEqual([100, 100, 50]);
    expect(writer.stored).toBe(250);
    writer.add(sample(250));
    writer.close();
    expect(batches).toEqual([100, 100, 50, 1]);
    expect(writer.stored).toBe(251);
  });

  it('writes every sample once, in order, however adds and slices interleave', async () => {
    const seqs: number[] = [];
    const writer = new SampleWriter((batch) => seqs.push(...batch.map((s) => s.seq)), { sliceSize: 7, flushEveryMs: 1 });
    for (let i = 0; i < 500; i++) {
      writer.add(sample(i));
      if (i % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    }
    writer.close();
    expect(seqs).toEqual(Array.from({ length: 500 }, (_, i) => i));
  });

  it('raises a failed write on the next add or on close, never from its timer', () => {
    vi.useFakeTimers();
    const writer = new SampleWriter(() => {
      throw new Error('disk full');
    }, { flushEveryMs: 10 });
    writer.add(sample(0));
    expect(() => vi.advanceTimersByTime(10)).not.toThrow();
    expect(() => writer.add(sample(1))).toThrow('disk full');
    expect(() => writer.close()).toThrow('disk full');
    expect(writer.stored).toBe(0);
  });
});
