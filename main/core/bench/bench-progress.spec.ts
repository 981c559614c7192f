import { describe, expect, it } from 'vitest';
import { BenchProgressTracker, coldStartProgress, describeProgress } from './bench-progress';

/** A clock the test moves by hand. */
function clock() {
  let t = 1_000;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('BenchProgressTracker', () => {
  it('says warm-up until the measured run starts', () => {
    const c = clock();
    const tracker = new BenchProgressTracker({ mode: 'closed', requests: 500, concurrency: 2 }, c.now);
    expect(tracker.snapshot()).toMatchObject({ phase: 'warmup', done: 0, total: 500, etaMs: null });
  });

  it('closed loop: done of total, elapsed, recent rate, ETA from it, errors and live percentiles', () => {
    const c = clock();
    const tracker = new BenchProgressTracker({ mode: 'closed', requests: 1_000, concurrency: 2 }, c.now);
    tracker.start();
    // 200 answers in 2 s (100 req/s), one in ten an error, latencies 1..10 ms.
    for (let i = 0; i < 200; i++) {
      c.advance(10);
      tracker.add({ latencyMs: 1 + (i % 10), ok: i % 10 !== 0 });
    }
    const p = tracker.snapshot();
    expect(p).toMatchObject({ phase: 'measuring', done: 200, total: 1_000, elapsedMs: 2_000, errors: 20 });
    expect(p.ratePerSec).toBeCloseTo(100, 6);
    expect(p.etaMs).toBeCloseTo(8_000, 3);
    expect(p.p50Ms).toBeCloseTo(5, 1);
    expect(p.p99Ms).toBeCloseTo(10, 1);
  });

  it('the rate is of the last few seconds: a stall shows in it and stretches the ETA', () => {
    const c = clock();
    const tracker = new BenchProgressTracker({ mode: 'closed', requests: 10_000, concurrency: 1 }, c.now);
    tracker.start();
    for (let s = 0; s < 10; s++) {
      for (let i = 0; i < 100; i++) tracker.add({ latencyMs: 1, ok: true });
      c.advance(1_000);
      tracker.snapshot();
    }
    expect(tracker.snapshot().ratePerSec).toBeCloseTo(100, 6);
    // Then six seconds without an answer, snapshots every 400 ms as the job takes them.
    for (let i = 0; i < 15; i++) {
      c.advance(400);
      tracker.snapshot();
    }
    const stalled = tracker.snapshot();
    expect(stalled.ratePerSec).toBe(0);
    expect(stalled.etaMs).toBeNull();
  });

  it('open loop: total is rate × duration and the ETA is the rest of the schedule', () => {
    const c = clock();
    const tracker = new BenchProgressTracker({ mode: 'open', ratePerSec: 50, durationSec: 20 }, c.now);
    tracker.start();
    c.advance(5_000);
    for (let i = 0; i < 250; i++) tracker.add({ latencyMs: 2, ok: true });
    expect(tracker.snapshot()).toMatchObject({ total: 1_000, done: 250, elapsedMs: 5_000, etaMs: 15_000 });
  });

  it('says ETA 0 once every request is in', () => {
    const c = clock();
    const tracker = new BenchProgressTracker({ mode: 'closed', requests: 3, concurrency: 1 }, c.now);
    tracker.start();
    for (let i = 0; i < 3; i++) tracker.add({ latencyMs: 1, ok: true });
    c.advance(100);
    expect(tracker.snapshot()).toMatchObject({ done: 3, etaMs: 0 });
  });
});

describe('describeProgress', () => {
  it('reads like k6: done/total, elapsed and ETA, rate, p50/p99, errors', () => {
    expect(
      describeProgress({ phase: 'measuring', done: 6_462, total: 20_000, elapsedMs: 12_100, etaMs: 25_340, ratePerSec: 534.4, errors: 0, p50Ms: 1.94, p99Ms: 8.3, }),
    ).toBe('measuring 6,462/20,000 · 12.1 s, ETA 25.3 s · 534 req/s · p50 1.9 ms p99 8.3 ms · 0 errors');
  });

  it('leaves out what is not known yet, and counts cold starts as k/K', () => {
    expect(describeProgress({ phase: 'measuring', done: 0, total: 100, elapsedMs: 50, etaMs: null, ratePerSec: null, errors: 1, p50Ms: null, p99Ms: null })).toBe(
      'measuring 0/100 · 0.1 s · 1 error',
    );
    expect(describeProgress(coldStartProgress(1, 3, 4_000, 0))).toBe('cold start 2/3 · 4.0 s, ETA 8.0 s · 0 errors');
    expect(describeProgress(coldStartProgress(3, 3, 9_000, 0))).toBe('cold start 3/3 · 9.0 s, ETA 0.0 s · 0 errors');
  });

  it('writes long times in minutes and hours', () => {
    const at = (elapsedMs: number, etaMs: number) => describeProgress({ phase: 'measuring', done: 1, total: 2, elapsedMs, etaMs, ratePerSec: null, errors: 0, p50Ms: null, p99Ms: null });
    expect(at(65_000, 9_776_700)).toBe('measuring 1/2 · 1 min 05 s, ETA 2 h 42 min · 0 errors');
    expect(at(59_949, 3_599_000)).toBe('measuring 1/2 · 59.9 s, ETA 59 min 59 s · 0 errors');
  });
});
