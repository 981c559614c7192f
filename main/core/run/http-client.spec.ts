import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeadlineExceeded, httpRequest } from './http-client';

describe('httpRequest deadlines', () => {
  let server: http.Server;
  let url: string;
  const timers = new Set<NodeJS.Timeout>();

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/silent') return; // never answers
      // Trickles a byte every 50 ms forever: an idle timeout never fires, only a total deadline can end it.
      res.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => res.write('.'), 50);
      timers.add(timer);
      res.on('close', () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const timer of timers) clearInterval(timer);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('gives up on a server that never answers at the deadline, with DeadlineExceeded', async () => {
    const error = await httpRequest(`${url}/silent`, { method: 'POST', body: Buffer.from('{}'), deadlineMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineExceeded);
  });

  it('cuts a server that trickles bytes, which an idle timeout alone would wait on forever', async () => {
    const error = await httpRequest(`${url}/trickle`, { method: 'GET', timeoutMs: 1000, deadlineMs: 400 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineExceeded);
  });
});
