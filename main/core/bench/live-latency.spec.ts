import { describe, expect, it } from 'vitest';
import { LiveLatency } from './live-latency';

/** The nearest-rank quantile of sorted values, as the stored summary reads it. */
const exact = (sorted: number[], q: number) => sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;

describe('LiveLatency', () => {
  it('has no quantile before a sample', () => {
    expect(new LiveLatency().quantile(0.5)).toBeNull();
  });

  it('gives p50 and p99 within 0.5% of the exact nearest-rank values on known data', () => {
    const live = new LiveLatency();
    // 1..10,000 ms: p50 is 5,000 and p99 is 9,900.
    for (let v = 10_000; v >= 1; v--) live.record(v);
    expect(live.count).toBe(10_000);
    expect(Math.abs(live.quantile(0.5)! - 5_000) / 5_000).toBeLessThan(0.005);
    expect(Math.abs(live.quantile(0.99)! - 9_900) / 9_900).toBeLessThan(0.005);
  });

  it('stays close on a skewed, sub-millisecond-to-seconds distribution', () => {
    const live = new LiveLatency();
    const values: number[] = [];
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 50_000; i++) {
      // Log-normal-ish: most near 2 ms, a long tail to seconds.
      const v = 0.2 + Math.exp(random() * 3) * (random() < 0.02 ? 300 : 1);
      values.push(v);
      live.record(v);
    }
    values.sort((a, b) => a - b);
    for (const q of [0.5, 0.9, 0.99, 0.999]) {
      const want = exact(values, q);
      expect(Math.abs(live.quantile(q)! - want) / want).toBeLessThan(0.006);
    }
  });

  it('never reads outside what it saw, and ignores values that are not numbers', () => {
    const live = new LiveLatency();
    live.record(Number.NaN);
    live.record(3.3);
    expect(live.count).toBe(1);
    expect(live.quantile(0.5)).toBe(3.3);
    expect(live.quantile(0.99)).toBe(3.3);
    live.record(0);
    expect(live.quantile(0)).toBe(0);
  });

  it('costs the same per sample however many came before (no re-sorting)', () => {
    const live = new LiveLatency();
    const time = (n: number) => {
      const start = performance.now();
      for (let i = 0; i < n; i++) live.record(1 + (i % 997));
      live.quantile(0.99);
      return (performance.now() - start) / n;
    };
    time(50_000); // warm the JIT
    const early = time(100_000);
    for (let i = 0; i < 20; i++) time(100_000); // 2M samples held
    const late = time(100_000);
    expect(late).toBeLessThan(early * 4 + 0.001);
  });
});
