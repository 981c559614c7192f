import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { hostAndPort, measureRtt, timeTheWire, wireOverheadOf, type WireProbe } from './wire-overhead';

describe('wire overhead', () => {
  it('summarises round trips and client overhead, and is null without either', () => {
    const wire = wireOverheadOf('http://127.0.0.1:1', [3, 1, 2], [0.5, 0.2, 0.3, 0.4]);
    expect(wire).toEqual({ endpoint: 'http://127.0.0.1:1', rttMs: { p50: 2, min: 1, samples: 3 }, clientOverheadMs: { p50: 0.3, p99: 0.5, samples: 4 } });
    expect(wireOverheadOf('x', [], [1])).toBeNull();
    expect(wireOverheadOf('x', [1], [])).toBeNull();
  });

  it("reads the endpoint's port, or the scheme's", () => {
    expect(hostAndPort('https://lambda.eu-west-1.amazonaws.com')).toEqual({ host: 'lambda.eu-west-1.amazonaws.com', port: 443 });
    expect(hostAndPort('http://127.0.0.1:4567')).toEqual({ host: '127.0.0.1', port: 4567 });
    expect(hostAndPort('http://[::1]')).toEqual({ host: '::1', port: 80 });
  });

  it('times TCP connects to a real listener, and counts none where nothing listens', async () => {
    const server = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const times = await measureRtt(`http://127.0.0.1:${port}`, new AbortController().signal, 4);
      expect(times).toHaveLength(4);
      for (const ms of times) expect(ms).toBeGreaterThan(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await measureRtt(`http://127.0.0.1:${port}`, new AbortController().signal, 2)).toEqual([]);
  });

  it('reads the whole body inside the timed handler and writes the time to the probe', async () => {
    async function* slowBody() {
      yield Buffer.from('he');
      await new Promise((resolve) => setTimeout(resolve, 30));
      yield Buffer.from('llo');
    }
    const inner = { handle: async (_request: unknown, _options?: unknown) => ({ response: { body: slowBody() as unknown } }), destroy: () => 'kept' };
    const timed = timeTheWire(inner);
    const probe: WireProbe = { wireMs: null };
    const answer = await timed.handle({}, { wireProbe: probe });
    expect(Buffer.isBuffer(answer.response.body) && answer.response.body.toString()).toBe('hello');
    expect(probe.wireMs).toBeGreaterThanOrEqual(25);
    expect(timed.destroy()).toBe('kept');
  });
});
