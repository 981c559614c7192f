import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BenchSampleData } from '../../../shared/contract/runs';
import { SampleWriter } from './sample-writer';

const sample = (seq: number): BenchSampleData => ({ seq, tMs: seq, latencyMs: 1, ok: true, status: 200, cold: false, serverDurationMs: null });

describe('SampleWriter', () => {
  afterEach(() => vi.useRealTimers());

  it('writes in batches, never one write per sample: at the batch size, and after the interval for the rest', () => {
    vi.useFakeTimers();
    const batches: number[] = [];
    const writer = new SampleWriter((batch) => batches.push(batch.length), { maxBatch: 100, flushEveryMs: 250 });
    for (let i = 0; i < 250; i++) writer.add(sample(i));
    expect(batches).toEqual([100, 100]);
    vi.advanceTimersByTime(249);
    expect(batches).toEqual([100, 100]);
    vi.advanceTimersByTime(1);
    expect(batches).toEqual([100, 100, 50]);
    writer.add(sample(250));
    writer.close();
    expect(batches).toEqual([100, 100, 50, 1]);
    expect(writer.stored).toBe(251);
  });

  it('raises a failed write on the next add or on close, never from its timer, and loses nothing it was given', () => {
    vi.useFakeTimers();
    let failing = true;
    const written: number[] = [];
    const writer = new SampleWriter((batch) => {
      if (failing) throw new Error('disk full');
      written.push(...batch.map((s) => s.seq));
    }, { maxBatch: 1000, flushEveryMs: 10 });
    writer.add(sample(0));
    expect(() => vi.advanceTimersByTime(10)).not.toThrow();
    expect(() => writer.add(sample(1))).toThrow('disk full');
    expect(() => writer.close()).toThrow('disk full');
    failing = false;
    expect(written).toEqual([]);
  });
});
