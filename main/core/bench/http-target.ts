import net from 'node:net';
import { ErrorCode, SkyliftError } from '../../../shared/errors';
import { HttpResponseParser, type ParsedResponse } from './http-response-parser';
import type { BenchTarget, InvokeResult } from './types';

/** The server's own time for a request, set by Skylift's runtime adapter. */
export const SERVER_DURATION_HEADER = 'x-skylift-duration-ms';
const DEFAULT_TIMEOUT_MS = 30_000;
const ABORTED: InvokeResult = Object.freeze({ ok: false, status: 'error', serverDurationMs: null });
const TIMED_OUT: InvokeResult = Object.freeze({ ok: false, status: 'timeout', serverDurationMs: null });

export interface HttpTargetOptions {
  headers?: Record<string, string>;
  /** A request with no bytes moving for this long is a 'timeout'. Default 30 s. */
  timeoutMs?: number;
  /** Connections kept open to the server. Default: as many as requests in flight. */
  maxSockets?: number;
}

/** One request: waiting for a connection, or written on one and waiting for its answer. */
interface Pending {
  bytes: Buffer;
  resolve: (result: InvokeResult) => void;
  live: Set<Pending>;
  connection: Connection | null;
  settled: boolean;
}

/**
 * A target for plain HTTP: POST payload to url over kept-alive connections, one request in flight on
 * each (as wrk does); serverDurationMs from the `X-Skylift-Duration-Ms` response header. A minimal
 * HTTP/1.1 client on node:net: node:http's own client costs ~40 µs a request, as much as loopback.
 */
export function httpTarget(url: string, options: HttpTargetOptions = {}): BenchTarget & { close(): void } {
  const parsed = parseUrl(url);
  const pool = new Pool(
    parsed.hostname.replace(/^\[|\]$/g, ''),
    Number(parsed.port || 80),
    options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    options.maxSockets ?? Infinity,
  );
  const encode = requestEncoder(`${parsed.pathname}${parsed.search}`, parsed.host, options.headers ?? {});
  const inFlight = requestsBySignal();

  return {
    invoke(payload, signal) {
      const live = inFlight(signal);
      if (!live) return Promise.resolve(ABORTED);
      return new Promise<InvokeResult>((resolve) => {
        const pending: Pending = { bytes: encode(payload), resolve, live, connection: null, settled: false };
        live.add(pending);
        pool.dispatch(pending);
      });
    },
    close() {
      pool.close();
    },
  };
}

function settle(pending: Pending, result: InvokeResult): void {
  if (pending.settled) return;
  pending.settled = true;
  pending.live.delete(pending);
  pending.resolve(result);
}

/** Up to maxSockets connections; a request waits in line when all are busy. */
class Pool {
  private readonly idle: Connection[] = [];
  private readonly all = new Set<Connection>();
  private readonly waiting: Pending[] = [];

  constructor(
    readonly host: string,
    readonly port: number,
    readonly timeoutMs: number,
    private readonly maxSockets: number,
  ) {}

  dispatch(pending: Pending): void {
    const connection = this.idle.pop();
    if (connection) connection.send(pending);
    else if (this.all.size < this.maxSockets) this.open().send(pending);
    else this.waiting.push(pending);
  }

  /** A connection has answered and may take the next request. */
  release(connection: Connection): void {
    const next = this.nextWaiting();
    if (next) connection.send(next);
    else this.idle.push(connection);
  }

  /** A connection has closed: one in its place for whoever is waiting. */
  remove(connection: Connection): void {
    this.all.delete(connection);
    const index = this.idle.indexOf(connection);
    if (index >= 0) this.idle.splice(index, 1);
    const next = this.nextWaiting();
    if (next) this.open().send(next);
  }

  close(): void {
    for (const pending of this.waiting.splice(0)) settle(pending, ABORTED);
    for (const connection of [...this.all]) connection.destroy();
  }

  private nextWaiting(): Pending | undefined {
    let next = this.waiting.shift();
    while (next?.settled) next = this.waiting.shift();
    return next;
  }

  private open(): Connection {
    const connection = new Connection(this);
    this.all.add(connection);
    return connection;
  }
}

class Connection {
  private readonly socket: net.Socket;
  private readonly parser = new HttpResponseParser((response) => this.onResponse(response));
  private current: Pending | null = null;
  private closed = false;

  constructor(private readonly pool: Pool) {
    const socket = net.connect({ host: pool.host, port: pool.port, noDelay: true });
    socket.setNoDelay(true);
    socket.setTimeout(pool.timeoutMs);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('end', () => this.onEnd());
    socket.on('timeout', () => this.onTimeout());
    socket.on('error', () => undefined); // 'close' follows
    socket.on('close', () => this.onClose());
    this.socket = socket;
  }

  send(pending: Pending): void {
    this.current = pending;
    pending.connection = this;
    this.socket.write(pending.bytes);
  }

  /** Fails the request on it, if any, and closes it. */
  destroy(): void {
    if (this.current) settle(this.current, ABORTED);
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    try {
      this.parser.execute(chunk);
    } catch {
      this.destroy();
    }
  }

  private onEnd(): void {
    try {
      this.parser.finish();
    } catch {
      // The request in flight fails on 'close'.
    }
  }

  private onResponse(response: ParsedResponse): void {
    const pending = this.current;
    if (!pending || this.closed) {
      this.destroy(); // an answer nobody asked for
      return;
    }
    this.current = null;
    pending.connection = null;
    const { status, serverDurationMs } = response;
    settle(pending, { ok: status >= 200 && status < 300, status, serverDurationMs });
    if (!response.keepAlive) this.socket.destroy();
    else this.pool.release(this);
  }

  private onTimeout(): void {
    if (!this.current) return; // idle: a kept-alive connection may rest as long as it likes
    settle(this.current, TIMED_OUT);
    this.socket.destroy();
  }

  private onClose(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.current) settle(this.current, ABORTED);
    this.current = null;
    this.pool.remove(this);
  }
}

/**
 * The whole request, head and body in one buffer, built once per payload (by identity: the bench
 * sends the same few buffers round-robin) and written with a single write.
 */
function requestEncoder(path: string, host: string, extra: Record<string, string>): (payload: Buffer) => Buffer {
  const headers = new Map<string, string>([
    ['host', `Host: ${host}`],
    ['content-type', 'Content-Type: application/json'],
    ['connection', 'Connection: keep-alive'],
  ]);
  for (const [name, value] of Object.entries(extra)) {
    const lower = name.toLowerCase();
    if (lower === 'content-length' || lower === 'transfer-encoding') continue;
    if (/[\r\n]/.test(name) || /[\r\n]/.test(String(value))) throw new SkyliftError({ code: ErrorCode.BadInput, message: `Header ${name} has a line break in it` });
    headers.set(lower, `${name}: ${value}`);
  }
  const head = `POST ${path} HTTP/1.1\r\n${[...headers.values()].join('\r\n')}\r\nContent-Length: `;
  const cache = new WeakMap<Buffer, Buffer>();
  return (payload) => {
    let bytes = cache.get(payload);
    if (!bytes) {
      bytes = Buffer.concat([Buffer.from(`${head}${payload.length}\r\n\r\n`, 'latin1'), payload]);
      cache.set(payload, bytes);
    }
    return bytes;
  };
}

/**
 * The requests in flight for each signal, failed together when it aborts (their connections closed,
 * so the server sees them cancelled): one listener per run, not one per request.
 */
function requestsBySignal(): (signal: AbortSignal) => Set<Pending> | null {
  const bySignal = new WeakMap<AbortSignal, Set<Pending>>();
  return (signal) => {
    if (signal.aborted) return null;
    let live = bySignal.get(signal);
    if (!live) {
      const requests = new Set<Pending>();
      signal.addEventListener('abort', () => {
        for (const pending of [...requests]) {
          const connection = pending.connection;
          settle(pending, ABORTED);
          connection?.destroy();
        }
        requests.clear();
      }, { once: true });
      bySignal.set(signal, requests);
      live = requests;
    }
    return live;
  };
}

function parseUrl(url: string): URL {
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (!parsed || parsed.protocol !== 'http:') {
    throw new SkyliftError({
      code: ErrorCode.BadInput,
      message: `Not a plain HTTP address to benchmark: ${url}`,
      hint: 'Give an address such as http://127.0.0.1:8080/invoke.',
    });
  }
  return parsed;
}
