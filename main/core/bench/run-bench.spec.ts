import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { SkyliftError } from '../../../shared/errors';
import { runBench } from './run-bench';
import type { BenchRunOptions, BenchTarget, InvokeResult } from './types';

const OK: InvokeResult = { ok: true, status: 200, serverDurationMs: null };
const payloads = [Buffer.from('a'), Buffer.from('b'), Buffer.from('c')];

/** A target that answers after `delayMs` and notes what it was sent and how many were in flight. */
function fakeTarget(delayMs: number) {
  const sent: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const target: BenchTarget = {
    async invoke(payload, signal) {
      sent.push(payload.toString());
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      try {
        await sleep(delayMs, undefined, { signal });
        return OK;
      } catch {
        return { ok: false, status: 'error', serverDurationMs: null };
      } finally {
        inFlight--;
      }
    },
  };
  return { target, sent, maxInFlight: () => maxInFlight };
}

/** One request at a time, each taking `serviceMs`: a queue builds whenever requests come faster. */
function serialTarget(serviceMs: number): BenchTarget {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    invoke() {
      const turn = queue.then(() => sleep(serviceMs)).then(() => OK);
      queue = turn;
      return turn;
    },
  };
}

const base = (target: BenchTarget, overrides: Partial<BenchRunOptions>): BenchRunOptions => ({
  target,
  payloads,
  warmup: 0,
  load: { mode: 'closed', requests: 10, concurrency: 1 },
  signal: new AbortController().signal,
  ...overrides,
});

describe('runBench, closed loop', () => {
  it('measures exactly the requested number after a discarded warmup, never above the concurrency', async () => {
    const fake = fakeTarget(5);
    const samples = await runBench(base(fake.target, { warmup: 5, load: { mode: 'closed', requests: 40, concurrency: 4 } }));
    expect(fake.sent).toHaveLength(45);
    expect(fake.maxInFlight()).toBe(4);
    expect(samples.map((s) => s.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    for (const s of samples) {
      expect(s).toMatchObject({ ok: true, status: 200, cold: false, serverDurationMs: null });
      // Node's timers count whole milliseconds from the loop's cached clock: up to 1 ms early.
      expect(s.latencyMs).toBeGreaterThanOrEqual(4);
      expect(s.tMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('sends the payloads round-robin', async () => {
    const fake = fakeTarget(0);
    await runBench(base(fake.target, { load: { mode: 'closed', requests: 7, concurrency: 1 } }));
    expect(fake.sent.join('')).toBe('abcabca');
  });

  it('records a target that throws as an error sample and carries on', async () => {
    const target: BenchTarget = { invoke: async () => Promise.reject(new Error('boom')) };
    const samples = await runBench(base(target, {}));
    expect(samples).toHaveLength(10);
    expect(samples.every((s) => !s.ok && s.status === 'error')).toBe(true);
  });

  it('reports progress, finishing with the total', async () => {
    const calls: Array<[number, number | null]> = [];
    await runBench(base(fakeTarget(0).target, { onProgress: (done, total) => calls.push([done, total]) }));
    expect(calls.at(-1)).toEqual([10, 10]);
    expect(calls.length).toBeLessThan(10);
  });

  it('stops on abort, aborts what is in flight, and returns the samples it has', async () => {
    const controller = new AbortController();
    const seenSignals: AbortSignal[] = [];
    const fake = fakeTarget(5);
    const target: BenchTarget = { invoke: (payload, signal) => (seenSignals.push(signal), fake.target.invoke(payload, signal)) };
    setTimeout(() => controller.abort(), 60);
    const started = performance.now();
    const samples = await runBench(base(target, { load: { mode: 'closed', requests: 100_000, concurrency: 2 }, signal: controller.signal }));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(samples.length).toBeGreaterThan(2);
    expect(samples.length).toBeLessThan(100);
    expect(samples.every((s) => s.ok)).toBe(true);
    expect(seenSignals.every((s) => s.aborted)).toBe(true);
  });

  it('does not wait on a target that ignores the abort', async () => {
    const controller = new AbortController();
    const never: BenchTarget = { invoke: () => new Promise<InvokeResult>(() => undefined) };
    setTimeout(() => controller.abort(), 20);
    expect(await runBench(base(never, { signal: controller.signal }))).toEqual([]);
  });

  it('returns nothing for an already aborted signal', async () => {
    const fake = fakeTarget(0);
    expect(await runBench(base(fake.target, { warmup: 3, signal: AbortSignal.abort() }))).toEqual([]);
    expect(fake.sent).toEqual([]);
  });

  it('refuses settings that cannot run, saying which', async () => {
    const run = runBench(base(fakeTarget(0).target, { payloads: [], load: { mode: 'closed', requests: 1.5, concurrency: 0 } }));
    await expect(run).rejects.toBeInstanceOf(SkyliftError);
    await expect(run).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('concurrency') });
  });
});

describe('runBench, platform REPORT numbers', () => {
  it('stores a Lambda target\'s Init Duration, Billed Duration and Max Memory Used on each sample; an HTTP target\'s samples carry none', async () => {
    const report = { initDurationMs: null, billedDurationMs: 3, maxMemoryUsedMb: 61 };
    const lambda: BenchTarget = { invoke: async () => ({ ok: true, status: 200, serverDurationMs: 2.5, report }) };
    const http: BenchTarget = { invoke: async () => ({ ok: true, status: 200, serverDurationMs: 2.5 }) };
    const options: Omit<BenchRunOptions, 'target'> = { payloads: [Buffer.from('{}')], warmup: 0, load: { mode: 'closed', requests: 3, concurrency: 1 }, signal: new AbortController().signal };
    const fromLambda = await runBench({ ...options, target: lambda });
    const fromHttp = await runBench({ ...options, target: http });
    expect(fromLambda.map((s) => [s.initDurationMs, s.billedDurationMs, s.maxMemoryUsedMb])).toEqual(Array(3).fill([null, 3, 61]));
    expect(fromHttp.every((s) => !('initDurationMs' in s) && !('billedDurationMs' in s) && !('maxMemoryUsedMb' in s))).toBe(true);
  });
});

describe('runBench, a target that times the wire itself', () => {
  it("takes the client's own time (clientOverheadMs) out of each sample's latency", async () => {
    let clock = 0;
    const cloud: BenchTarget = { invoke: async () => ((clock += 10), { ok: true, status: 200, serverDurationMs: null, clientOverheadMs: 4 }) };
    const samples = await runBench({ target: cloud, now: () => clock, payloads: [Buffer.from('{}')], warmup: 0, load: { mode: 'closed', requests: 3, concurrency: 1 }, signal: new AbortController().signal });
    expect(samples.map((s) => s.latencyMs)).toEqual([6, 6, 6]);
  });
});

describe('runBench, open loop', () => {
  it('sends on schedule and stamps each sample with its intended send time', async () => {
    const fake = fakeTarget(3);
    const samples = await runBench(base(fake.target, { warmup: 4, load: { mode: 'open', ratePerSec: 200, durationSec: 0.5 } }));
    expect(fake.sent).toHaveLength(104);
    expect(samples).toHaveLength(100);
    samples.forEach((s, i) => {
      expect(s.seq).toBe(i);
      expect(s.tMs).toBeCloseTo(i * 5, 9);
      expect(s.latencyMs).toBeGreaterThanOrEqual(2);
    });
  });

  it('counts latency from the intended send, so a queue at the target shows', async () => {
    // 100 req/s at a target that needs 20 ms each: every request waits longer than the last.
    const samples = await runBench(base(serialTarget(20), { load: { mode: 'open', ratePerSec: 100, durationSec: 0.3 } }));
    expect(samples).toHaveLength(30);
    expect(samples[0].latencyMs).toBeLessThan(60);
    expect(samples[29].latencyMs).toBeGreaterThan(250);
    const closed = await runBench(base(serialTarget(20), { load: { mode: 'closed', requests: 10, concurrency: 1 } }));
    expect(Math.max(...closed.map((s) => s.latencyMs))).toBeLessThan(60);
  });

  it('counts requests past maxInFlight as overload errors instead of queueing them', async () => {
    const samples = await runBench(base(fakeTarget(300).target, { load: { mode: 'open', ratePerSec: 100, durationSec: 0.2, maxInFlight: 5 } }));
    expect(samples).toHaveLength(20);
    expect(samples.slice(0, 5).every((s) => s.ok)).toBe(true);
    expect(samples.slice(5).every((s) => s.status === 'overload' && !s.ok)).toBe(true);
  });

  it('records a target that throws, even synchronously, as an error sample', async () => {
    const target: BenchTarget = {
      invoke: () => {
        throw new Error('boom');
      },
    };
    const samples = await runBench(base(target, { load: { mode: 'open', ratePerSec: 1000, durationSec: 0.01 } }));
    expect(samples.map((s) => s.status)).toEqual(Array(10).fill('error'));
  });

  it('fails the run when onSample throws, in either mode', async () => {
    const onSample = () => {
      throw new Error('store is full');
    };
    for (const load of [{ mode: 'open', ratePerSec: 1000, durationSec: 0.05 }, { mode: 'closed', requests: 5, concurrency: 2 }] as const) {
      await expect(runBench(base(fakeTarget(0).target, { load, onSample }))).rejects.toThrow('store is full');
    }
  });

  it('stops scheduling on abort', async () => {
    const controller = new AbortController();
    const fake = fakeTarget(1);
    setTimeout(() => controller.abort(), 100);
    const samples = await runBench(base(fake.target, { load: { mode: 'open', ratePerSec: 100, durationSec: 10 }, signal: controller.signal }));
    expect(samples.length).toBeGreaterThan(3);
    expect(samples.length).toBeLessThan(30);
    const sentAtAbort = fake.sent.length;
    await sleep(50);
    expect(fake.sent.length).toBe(sentAtAbort);
  });
});

describe('runBench onMeasureStart', () => {
  it('fires once, after the warm-up and before the first measured sample, in both loops', async () => {
    for (const load of [{ mode: 'closed', requests: 6, concurrency: 2 }, { mode: 'open', ratePerSec: 200, durationSec: 0.03 }] as const) {
      const { target, sent } = fakeTarget(1);
      const seen: string[] = [];
      await runBench({
        target,
        payloads,
        warmup: 4,
        load,
        signal: new AbortController().signal,
        onMeasureStart: () => seen.push(`start after ${sent.length} sent`),
        onSample: () => seen.push('sample'),
      });
      expect(seen[0]).toBe('start after 4 sent');
      expect(seen.filter((s) => s.startsWith('start'))).toHaveLength(1);
      expect(seen.filter((s) => s === 'sample')).toHaveLength(6);
    }
  });
});
