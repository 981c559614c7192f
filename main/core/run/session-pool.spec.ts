import { describe, expect, it } from 'vitest';
import { sessionPoolTarget } from './session-pool';
import type { Invocation, VariantSession } from './variant-session';

/** An environment that answers when told to, and counts how many requests it holds at once. */
function fakeEnvironment() {
  const pending: Array<() => void> = [];
  let busy = 0;
  let mostAtOnce = 0;
  const session = {
    invoke: () =>
      new Promise<Invocation>((resolve) => {
        mostAtOnce = Math.max(mostAtOnce, ++busy);
        pending.push(() => (busy--, resolve({ ok: true, status: 200, body: Buffer.alloc(0), latencyMs: 1, serverDurationMs: 1 })));
      }),
  } as unknown as VariantSession;
  return { session, answerAll: () => pending.splice(0).forEach((answer) => answer()), mostAtOnce: () => mostAtOnce };
}

describe('the Lambda environment pool as a bench target', () => {
  it('gives each environment one request at a time; the rest wait for a free one', async () => {
    const environments = [fakeEnvironment(), fakeEnvironment()];
    const pool = sessionPoolTarget(environments.map((e) => e.session));
    const signal = new AbortController().signal;
    const answers = Array.from({ length: 5 }, () => pool.invoke(Buffer.from('{}'), signal));
    for (let round = 0; round < 5; round++) {
      await new Promise((resolve) => setImmediate(resolve));
      environments.forEach((e) => e.answerAll());
    }
    expect((await Promise.all(answers)).every((a) => a.ok)).toBe(true);
    expect(environments.map((e) => e.mostAtOnce())).toEqual([1, 1]);
  });

  it('lets a request still waiting for an environment go when the bench stops', async () => {
    const environment = fakeEnvironment();
    const pool = sessionPoolTarget([environment.session]);
    const stop = new AbortController();
    void pool.invoke(Buffer.from('{}'), stop.signal);
    const waiting = pool.invoke(Buffer.from('{}'), stop.signal);
    stop.abort();
    expect(await waiting).toEqual({ ok: false, status: 'cancelled', serverDurationMs: null });
  });

  it('passes each invocation\'s REPORT numbers on to the bench, as they came', async () => {
    const platformReport = { initDurationMs: 812.5, billedDurationMs: 815, maxMemoryUsedMb: null };
    const session = { invoke: async () => ({ ok: true, status: 200, body: Buffer.alloc(0), latencyMs: 1, serverDurationMs: 2.1, platformReport }) } as unknown as VariantSession;
    const answer = await sessionPoolTarget([session]).invoke(Buffer.from('{}'), new AbortController().signal);
    expect(answer).toEqual({ ok: true, status: 200, serverDurationMs: 2.1, report: platformReport });
  });
});
