import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Loopback only: the variant's own port is published on loopback, so its stand-in is too. */
const HOST = '127.0.0.1';
/** A request's headers arrive in milliseconds on loopback; a client that dawdles longer is dropped. */
const HEADERS_DEADLINE_MS = 10_000;

/** Hop-by-hop headers (RFC 9110 §7.6.1) describe one connection, not the message: each side sets its own. */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer'];

const endToEnd = (headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders => {
  const kept: http.OutgoingHttpHeaders = { ...headers };
  for (const name of HOP_BY_HOP) delete kept[name];
  return kept;
};

/** Where a request goes now, and the call that says it is over (a swap waits for these before stopping the old container). */
export interface Upstream {
  origin: string;
  release: () => void;
}

/**
 * Skylift's stand-in for a run's HTTP address: it keeps one loopback port for the whole run and
 * passes each request to whichever container serves now, so a swap in watch mode does not change
 * the address the user was given. Each request gets the variant's request deadline.
 */
export class HttpForwarder {
  private server: http.Server | null = null;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

  constructor(
    private readonly upstream: () => Upstream,
    private readonly deadlineMs: number,
  ) {}

  async start(): Promise<string> {
    const server = http.createServer((req, res) => this.forward(req, res));
    server.requestTimeout = this.deadlineMs + HEADERS_DEADLINE_MS;
    server.headersTimeout = HEADERS_DEADLINE_MS;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, HOST, () => resolve());
    });
    return `http://${HOST}:${(server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.agent.destroy();
    const server = this.server;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  private forward(req: IncomingMessage, res: ServerResponse): void {
    const { origin, release } = this.upstream();
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      release();
    };
    const target = new URL(req.url ?? '/', origin);
    const outgoing = http.request(target, { method: req.method, headers: endToEnd(req.headers), agent: this.agent });
    const fail = (status: number, message: string) => {
      outgoing.destroy();
      if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: message }));
      else res.destroy();
      done();
    };
    const deadline = setTimeout(() => fail(504, `no answer within ${this.deadlineMs / 1000} s`), this.deadlineMs);
    outgoing.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
      answer.pipe(res);
      answer.on('end', done);
      answer.on('error', () => fail(502, 'the variant closed the connection mid-answer'));
    });
    outgoing.on('error', (error) => fail(502, `the variant could not be reached: ${error.message}`));
    // The client went away (or the answer is complete): nothing more to pass on.
    res.on('close', () => {
      if (!res.writableFinished) outgoing.destroy();
      done();
    });
    req.pipe(outgoing);
  }
}
