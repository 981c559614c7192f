import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpTarget } from './http-target';

/** A raw TCP server that answers each request with whatever `answer` writes. */
async function rawServer(answer: (socket: net.Socket, request: string, n: number) => void) {
  let n = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    let buffered = '';
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      const head = buffered.indexOf('\r\n\r\n');
      if (head < 0) return;
      const length = Number(/content-length: (\d+)/i.exec(buffered)?.[1] ?? 0);
      if (buffered.length < head + 4 + length) return;
      const request = buffered.slice(0, head + 4 + length);
      buffered = buffered.slice(request.length);
      answer(socket, request, ++n);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/p?q=1`,
    accepted: () => sockets.size,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

describe('httpTarget', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));
  const signal = new AbortController().signal;

  it('sends one pre-encoded request per payload, with the extra headers, and reads a chunked answer', async () => {
    const requests: string[] = [];
    const server = await rawServer((socket, request) => {
      requests.push(request);
      socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Skylift-Duration-Ms: 4\r\n\r\n2\r\nok\r\n0\r\n\r\n');
    });
    cleanups.push(server.close);
    const target = httpTarget(server.url, { headers: { Authorization: 'Bearer t', 'content-type': 'application/json' } });
    cleanups.push(() => target.close());
    const payload = Buffer.from('{"a":1}');
    expect(await target.invoke(payload, signal)).toEqual({ ok: true, status: 200, serverDurationMs: 4 });
    expect(await target.invoke(payload, signal)).toEqual({ ok: true, status: 200, serverDurationMs: 4 });
    expect(requests[0]).toBe(requests[1]);
    expect(requests[0]).toMatch(/^POST \/p\?q=1 HTTP\/1\.1\r\n/);
    expect(requests[0]).toContain('\r\nAuthorization: Bearer t\r\n');
    expect(requests[0]).toContain('\r\ncontent-type: application/json\r\n');
    expect(requests[0]).not.toContain('octet-stream');
    expect(requests[0]).toMatch(/\r\nContent-Length: 7\r\n\r\n\{"a":1\}$/);
    expect(server.accepted()).toBe(1);
  });

  it('reconnects after Connection: close, and fails a request whose connection dies', async () => {
    const server = await rawServer((socket, _request, n) => {
      if (n === 2) socket.destroy();
      else socket.write('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    });
    cleanups.push(server.close);
    const target = httpTarget(server.url);
    cleanups.push(() => target.close());
    const payload = Buffer.from('x');
    expect(await target.invoke(payload, signal)).toMatchObject({ ok: true, status: 200 });
    expect(await target.invoke(payload, signal)).toEqual({ ok: false, status: 'error', serverDurationMs: null });
    expect(await target.invoke(payload, signal)).toMatchObject({ ok: true, status: 200 });
    expect(server.accepted()).toBe(3);
  });

  it('keeps at most maxSockets connections; the rest wait their turn', async () => {
    const server = await rawServer((socket) => setTimeout(() => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'), 5));
    cleanups.push(server.close);
    const target = httpTarget(server.url, { maxSockets: 2 });
    cleanups.push(() => target.close());
    const results = await Promise.all(Array.from({ length: 10 }, () => target.invoke(Buffer.from('x'), signal)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(server.accepted()).toBe(2);
  });

  it('fails waiting and in-flight requests when aborted or closed, without throwing', async () => {
    const server = await rawServer(() => undefined);
    cleanups.push(server.close);
    const target = httpTarget(server.url, { maxSockets: 1 });
    const controller = new AbortController();
    const pending = [target.invoke(Buffer.from('x'), controller.signal), target.invoke(Buffer.from('y'), controller.signal)];
    setTimeout(() => controller.abort(), 20);
    expect(await Promise.all(pending)).toEqual([0, 1].map(() => ({ ok: false, status: 'error', serverDurationMs: null })));
    const open = target.invoke(Buffer.from('z'), signal);
    setTimeout(() => target.close(), 20);
    expect(await open).toMatchObject({ ok: false, status: 'error' });
    expect(() => httpTarget('ftp://example.com/')).toThrow(/Not a plain HTTP address/);
  });
});
