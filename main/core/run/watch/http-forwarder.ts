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
    // The headers deadline is checked on this interval (Node's default, 30 s, let a slow-loris client stay 40 s).
    const server = http.createServer({ connectionsCheckingInterval: 1_000 }, (req, res) => this.forward(req, res));
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
    // Origin-form only: an absolute or authority-form target would be sent on to the host it names.
    if (!req.url?.startsWith('/')) {
      res.writeHead(400, { 'content-type': 'application/json', connection: 'close' }).end(JSON.stringify({ error: 'the request target must be a path starting with "/"' }));
      return;
    }
    const { origin, release } = this.upstream();
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      release();
    };
    // The target is passed as it came (a path like //host/x stays a path on the variant), never resolved against it.
    const { hostname, port } = new URL(origin);
    const outgoing = http.request({ hostname, port, path: req.url, method: req.method, headers: endToEnd(req.headers), agent: this.agent });
    let answered = false;
    const fail = (status: number, message: string) => {
      outgoing.destroy();
      if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: message }));
      else res.destroy();
      done();
    };
    const deadline = setTimeout(() => fail(504, `no answer within ${this.deadlineMs / 1000} s`), this.deadlineMs);
    outgoing.on('response', (answer) => {
      answered = true;
      req.unpipe(outgoing); // the variant answered (a 413 before the whole body): the rest of the body is not its to read
      res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
      answer.pipe(res);
      answer.on('end', done);
      answer.on('error', () => fail(502, 'the variant closed the connection mid-answer'));
    });
    // Once the variant answered, a write error on the request side (EPIPE after an early 413) is not a failure: the answer's own end or error decides.
    outgoing.on('error', (error) => answered || fail(502, unreached(error, req)));
    // The client went away (or the answer is complete): nothing more to pass on.
    res.on('close', () => {
      if (!res.writableFinished) outgoing.destroy();
      done();
    });
    req.pipe(outgoing);
  }
}

/** A variant that closed before reading the whole body has usually refused it (over its request limit); its own 413 is then lost with the connection. */
function unreached(error: NodeJS.ErrnoException, req: IncomingMessage): string {
  const early = !req.complete && (error.code === 'EPIPE' || error.code === 'ECONNRESET');
  if (early) return `the variant closed the connection before reading the whole request body (${error.code}); a body over the variant's request limit is refused that way`;
  return `the variant could not be reached: ${error.message}`;
}
