import http from 'node:http';
import type net from 'node:net';

export interface StallProxy {
  port: number;
  /** Resolves when a request the predicate picks arrives (it waits there until pass() or fail()). */
  stalled: Promise<void>;
  /** Sends the stalled request on to the engine. */
  pass(): void;
  /** Answers the stalled request with a 500, as an engine error would. */
  fail(): void;
  close(): Promise<void>;
}

/**
 * An HTTP proxy in front of the Docker socket that holds back the first request `stall` picks (e.g.
 * the code part's POST /build), so a test can act at a chosen point of a build, deterministically.
 */
export async function stallProxy(stall: (method: string, url: URL) => boolean, socketPath = '/var/run/docker.sock'): Promise<StallProxy> {
  let arrived!: () => void;
  const stalled = new Promise<void>((resolve) => (arrived = resolve));
  let release: ((how: 'pass' | 'fail') => void) | null = null;
  let picked = false;
  const gate = new Promise<'pass' | 'fail'>((resolve) => (release = resolve));
  const sockets = new Set<net.Socket>();
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://engine');
    if (!picked && stall(req.method ?? 'GET', url)) {
      picked = true;
      arrived();
      if ((await gate) === 'fail') {
        req.resume();
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'engine error injected by the test' }));
        return;
      }
    }
    const upstream = http.request({ socketPath, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    stalled,
    pass: () => release?.('pass'),
    fail: () => release?.('fail'),
    close: () => {
      release?.('fail');
      sockets.forEach((socket) => socket.destroy());
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
