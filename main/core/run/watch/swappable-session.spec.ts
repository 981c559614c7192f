import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { VariantSession } from '../variant-session';
import { SwappableSession } from './swappable-session';

/** A stand-in container: a real HTTP server on loopback answering its name, after `delayMs`. */
async function fakeSession(name: string, delayMs = 0): Promise<VariantSession & { stopped: boolean; received: number }> {
  const server = http.createServer((_req, res) => {
    session.received++;
    setTimeout(() => res.end(name), delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const session = {
    variant: 'local' as const,
    address: `http://127.0.0.1:${(server.address() as AddressInfo).port}/predict`,
    stopped: false,
    received: 0,
    start: async () => undefined,
    invoke: async () => ({ ok: true, status: 200, body: Buffer.from(name), latencyMs: 0, serverDurationMs: null }),
    coldStart: async () => { throw new Error('not used'); },
    health: async () => ({ status: 'READY', name }),
    onUnexpectedExit: () => () => undefined,
    checkExit: async () => null,
    stop: async () => {
      session.stopped = true;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return session;
}

const ask = async (address: string) => {
  const answer = await fetch(address, { method: 'POST', body: '{}' });
  return `${answer.status} ${await answer.text()}`;
};

describe('SwappableSession', () => {
  let session: SwappableSession | undefined;
  afterEach(() => session?.stop());

  it('keeps its address across a swap; new requests reach the new session, the old one finishes its request before it stops', async () => {
    const old = await fakeSession('old', 300);
    session = new SwappableSession(old, 5000, true);
    await session.start();
    const address = session.address;
    expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/predict$/);
    expect(address).not.toBe(old.address);
    const inFlight = ask(address);
    await expect.poll(() => old.received).toBe(1);
    const swapped = session.swap(await fakeSession('new'), new AbortController().signal);
    expect(session.address).toBe(address);
    expect(await ask(address)).toBe('200 new');
    expect(old.stopped).toBe(false); // still answering its request
    expect(await inFlight).toBe('200 old');
    await swapped;
    expect(old.stopped).toBe(true);
    expect(await session.health()).toMatchObject({ name: 'new' });
  });

  it('answers 504 past the request deadline and 502 when the container is gone, never hangs', async () => {
    const slow = await fakeSession('slow', 2000);
    session = new SwappableSession(slow, 200, true);
    await session.start();
    expect(await ask(session.address)).toMatch(/^504 .*no answer within 0\.2 s/);
    await slow.stop();
    expect(await ask(session.address)).toMatch(/^502 .*could not be reached/);
  });

  it('a swap during a stop does not wait past the abort for the old session', async () => {
    const old = await fakeSession('old', 3000);
    session = new SwappableSession(old, 10_000, true);
    await session.start();
    void ask(session.address).catch(() => undefined);
    await expect.poll(() => old.received).toBe(1);
    const stopping = new AbortController();
    const swapped = session.swap(await fakeSession('new'), stopping.signal);
    const started = performance.now();
    stopping.abort();
    await swapped;
    expect(performance.now() - started).toBeLessThan(1000);
    expect(old.stopped).toBe(true);
  });
});
