import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { HttpForwarder } from '../../main/core/run/watch/http-forwarder';

/** What the stand-in variant saw: requests by path, and the ones whose client went away. */
export interface UpstreamLog {
  paths: string[];
  aborted: number;
}

/**
 * A real HTTP server standing in for a variant's container: /echo answers with the body's length,
 * /limit refuses a body over 1 MiB with 413 at once (as the adapters do), /slow answers a chunk
 * every 100 ms for 3 s, /hang never answers.
 */
export async function standInVariant(): Promise<{ origin: string; log: UpstreamLog; server: http.Server }> {
  const log: UpstreamLog = { paths: [], aborted: 0 };
  const server = http.createServer((req, res) => {
    log.paths.push(req.url ?? '');
    req.on('aborted', () => log.aborted++);
    res.on('close', () => !res.writableFinished && log.aborted++);
    const path = (req.url ?? '').replace(/\?.*/, '');
    if (path === '/limit' && Number(req.headers['content-length'] ?? 0) > 1024 * 1024) {
      res.writeHead(413, { 'content-type': 'application/json', connection: 'close' }).end('{"error":"the request body is over the variant\'s 1 MiB limit"}');
      req.socket.end();
      return;
    }
    if (path === '/hang') return;
    if (path === '/slow') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      let n = 0;
      const timer = setInterval(() => (++n > 30 ? (clearInterval(timer), res.end('done\n')) : res.write(`chunk ${n}\n`)), 100);
      res.on('close', () => clearInterval(timer));
      return;
    }
    let bytes = 0;
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ path: req.url, bytes })));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, log, server };
}

/** A forwarder in front of `origins[current]`, counting each request it took and released. */
export async function countedForwarder(origins: string[], deadlineMs: number) {
  const counts = { taken: 0, released: 0 };
  const state = { current: 0 };
  const forwarder = new HttpForwarder(() => {
    counts.taken++;
    return { origin: origins[state.current], release: () => void counts.released++ };
  }, deadlineMs);
  const address = await forwarder.start();
  return { forwarder, port: Number(new URL(address).port), counts, state };
}

/**
 * Sends raw bytes on one socket without half-closing it (Node's server drops a half-closed
 * client's request), and collects the answer until the server closes, 300 ms of silence after
 * the first bytes, or the deadline.
 */
export function rawSend(port: number, bytes: string | Buffer, deadlineMs = 5000): Promise<{ status: number | null; text: string; end: 'closed' | 'quiet' | 'deadline' }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let quiet: NodeJS.Timeout | undefined;
    let settled = false;
    const finish = (end: 'closed' | 'quiet' | 'deadline') => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(quiet);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1];
      resolve({ status: status ? Number(status) : null, text, end });
    };
    const timer = setTimeout(() => finish('deadline'), deadlineMs);
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      clearTimeout(quiet);
      quiet = setTimeout(() => finish('quiet'), 300);
    });
    socket.on('error', () => finish('closed'));
    socket.on('close', () => finish('closed'));
  });
}
