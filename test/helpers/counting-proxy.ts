import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A pass-through HTTP proxy in front of a loopback registry that counts the request bytes clients
 * send through it: what a push really put on the wire, not what the engine says it read. The Host
 * header is kept, so the registry's upload Locations point back at the proxy and every PATCH/PUT
 * of a blob passes here. The engine pushes to it without TLS (127.0.0.0/8 is insecure by default).
 */
export interface CountingProxy {
  /** `127.0.0.1:PORT`: push to `${host}/repo:tag`. */
  host: string;
  /** Request body bytes received since the proxy started or since the last reset. */
  bytesIn(): number;
  reset(): void;
  close(): Promise<void>;
}

export async function startCountingProxy(upstream: string): Promise<CountingProxy> {
  const [hostname, port] = upstream.split(':');
  let bytes = 0;
  const server = http.createServer((req, res) => {
    req.on('data', (chunk: Buffer) => { bytes += chunk.length; });
    const out = http.request({ hostname, port: Number(port), method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    bytesIn: () => bytes,
    reset: () => { bytes = 0; },
    close: () => new Promise((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}
