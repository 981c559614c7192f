import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { httpTarget, runBench, summarise, type BenchSample, type BenchTarget } from '../../main/core/bench';

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

describe('bench harness over loopback HTTP', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function serve(handler: Handler): Promise<string> {
    const server = http.createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    });
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/invoke`;
  }

  function target(url: string, options?: Parameters<typeof httpTarget>[1]): BenchTarget {
    const created = httpTarget(url, options);
    cleanups.push(() => created.close());
    return created;
  }

  const bench = (t: BenchTarget, load: Parameters<typeof runBench>[0]['load'], signal = new AbortController().signal, warmup = 0) =>
    runBench({ target: t, payloads: [Buffer.from('{"n":1}'), Buffer.from('{"n":22}')], warmup, load, signal });

  const slow = (samples: BenchSample[], overMs: number) => samples.filter((s) => s.latencyMs > overMs).length;

  it('measures a server that answers in 20 ms as 20 ms: never less, p50 within 1 ms (or 0.3 ms of bare node:http)', async () => {
    const url = await serve((request, response) => {
      request.resume();
      answerAfter(20, () => response.end('ok'));
    });
    const t = target(url);
    // Loopback HTTP itself is slow on some machines (a nested-virtualisation VM here spends 0.5–1 ms
    // per in-process round trip), so a bare node:http client at the same server, in alternate rounds,
    // says what the machine adds; the harness may add at most 0.3 ms to that. Best round of three:
    // other work on a shared machine can only add latency. No sample may ever be below 20 ms.
    const harness: number[] = [];
    const bare: number[] = [];
    for (let round = 0; round < 3; round++) {
      const samples = await bench(t, { mode: 'closed', requests: 100, concurrency: 2 }, undefined, 20);
      expect(summarise(samples, 1)).toMatchObject({ count: 100, errors: 0 });
      expect(Math.min(...samples.map((s) => s.latencyMs))).toBeGreaterThanOrEqual(20);
      harness.push(summarise(samples, 1).p50Ms);
      bare.push(await bareP50(url, 100, 2));
    }
    const p50 = Math.min(...harness);
    expect(p50).toBeGreaterThanOrEqual(20);
    expect(p50).toBeLessThanOrEqual(Math.max(21, Math.min(...bare) + 0.3));
    expect(p50).toBeLessThan(22);
  });

  it('shows the queue behind a stall in open loop, which closed loop hides', async () => {
    // One request at a time, ~1 ms each; the 150th stalls for 500 ms.
    const serialServer = () => {
      let handled = 0;
      let line: Promise<void> = Promise.resolve();
      return serve((request, response) => {
        request.resume();
        line = line.then(() => new Promise<void>((done) => setTimeout(() => (response.end('ok'), done()), ++handled === 150 ? 500 : 1)));
      });
    };
    const open = await bench(target(await serialServer()), { mode: 'open', ratePerSec: 100, durationSec: 3 });
    const closed = await bench(target(await serialServer()), { mode: 'closed', requests: 300, concurrency: 1 });
    const openSummary = summarise(open, 3000);
    const closedSummary = summarise(closed, 1);

    expect(open).toHaveLength(300);
    expect(openSummary.errors).toBe(0);
    expect(slow(open, 100)).toBeGreaterThanOrEqual(20);
    expect(openSummary.p99Ms).toBeGreaterThan(100);

    expect(closedSummary.errors).toBe(0);
    expect(slow(closed, 100)).toBe(1);
    expect(closedSummary.maxMs).toBeGreaterThanOrEqual(490);
    expect(closedSummary.p99Ms).toBeLessThan(50);
    expect(openSummary.p99Ms).toBeGreaterThan(closedSummary.p99Ms * 5);
  });

  it('posts each payload whole and reads the status and the server-reported duration', async () => {
    const bodies: string[] = [];
    let n = 0;
    const url = await serve((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        bodies.push(`${request.method} ${request.url} ${request.headers['content-length']} ${Buffer.concat(chunks)}`);
        response.writeHead(++n === 3 ? 503 : 200, { 'X-Skylift-Duration-Ms': '12.5' }).end('ok');
      });
    });
    const samples = await bench(target(url), { mode: 'closed', requests: 4, concurrency: 1 });
    expect(bodies).toEqual(['POST /invoke 7 {"n":1}', 'POST /invoke 8 {"n":22}', 'POST /invoke 7 {"n":1}', 'POST /invoke 8 {"n":22}']);
    expect(samples.map((s) => [s.status, s.ok, s.serverDurationMs, s.cold])).toEqual([
      [200, true, 12.5, false],
      [200, true, 12.5, false],
      [503, false, 12.5, false],
      [200, true, 12.5, false],
    ]);
  });

  it('reports no header as null, a silent server as a timeout, and a refused connection as an error', async () => {
    const signal = new AbortController().signal;
    const plain = await serve((request, response) => (request.resume(), response.end()));
    expect(await target(plain).invoke(Buffer.from('x'), signal)).toEqual({ ok: true, status: 200, serverDurationMs: null });
    const silent = await serve((request) => request.resume());
    expect(await target(silent, { timeoutMs: 100 }).invoke(Buffer.from('x'), signal)).toMatchObject({ ok: false, status: 'timeout' });
    const closedPort = await freePort();
    expect(await target(`http://127.0.0.1:${closedPort}/`).invoke(Buffer.from('x'), signal)).toMatchObject({ ok: false, status: 'error' });
    expect(() => httpTarget('https://127.0.0.1/')).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });

  it('stops early when cancelled: closed loop and open loop, in-flight requests aborted', async () => {
    let received = 0;
    let unanswered = 0;
    const url = await serve((request, response) => {
      received++;
      request.resume();
      response.on('close', () => response.writableFinished || unanswered++);
      setTimeout(() => response.end('ok'), 20);
    });
    const t = target(url);
    for (const load of [{ mode: 'closed', requests: 10_000, concurrency: 4 }, { mode: 'open', ratePerSec: 200, durationSec: 50 }] as const) {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 300);
      const started = performance.now();
      const samples = await bench(t, load, controller.signal);
      expect(performance.now() - started).toBeLessThan(500);
      expect(samples.length).toBeGreaterThan(10);
      expect(samples.length).toBeLessThan(100);
      expect(samples.every((s) => s.ok)).toBe(true);
      // Requests already written may still land; after that, nothing new is sent.
      await sleep(50);
      const receivedAfterCancel = received;
      await sleep(200);
      expect(received).toBe(receivedAfterCancel);
    }
    expect(unanswered).toBeGreaterThan(0);
  });
});

/** p50 of plain node:http requests at the same server, after a warmup: what loopback HTTP costs here. */
async function bareP50(url: string, requests: number, concurrency: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true });
  const latencies: number[] = [];
  const once = () =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const request = http.request(url, { method: 'POST', agent }, (response) => {
        response.on('end', () => (latencies.push(performance.now() - started), resolve()));
        response.resume();
      });
      request.end('{"n":1}');
    });
  const closedLoop = async (count: number) => {
    let sent = 0;
    await Promise.all(Array.from({ length: concurrency }, async () => { while (sent++ < count) await once(); }));
  };
  await closedLoop(20);
  latencies.length = 0;
  await closedLoop(requests);
  agent.destroy();
  return latencies.sort((a, b) => a - b)[Math.floor(latencies.length / 2)];
}

/** Exactly `ms` after now: a timer for the bulk, then setImmediate to the mark (Node's timers can fire up to 1 ms early). */
function answerAfter(ms: number, answer: () => void): void {
  const due = performance.now() + ms;
  const spin = () => (performance.now() >= due ? answer() : setImmediate(spin));
  setTimeout(spin, ms - 2);
}

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
