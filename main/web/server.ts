import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { ErrorCode, fail } from '../../shared/contract';
import { RENDERER_CSP } from '../../shared/renderer-assets';
import type { Dispatch } from '../core/dispatch';
import type { EventBus } from '../core/events';
import { allowedHosts, hostAllowed, originAllowed, requestToken, sessionCookie, tokenMatches } from './auth';
import { serveStatic } from './static-files';

export interface WebServerOptions {
  dispatch: Dispatch;
  bus: EventBus;
  token: string;
  host: string;
  port: number;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** Extra host names the browser may use (e.g. the box's DNS name when bound beyond loopback). */
  extraHosts?: readonly string[];
}

export interface WebServer {
  url: string;
  /** The URL to open: carries the token once, then the server swaps it for a cookie. */
  openUrl: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 8 * 1024 * 1024;
const CALL_PREFIX = '/api/call/';
const EVENTS_PATH = '/api/events';

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy': RENDERER_CSP,
};

/** Browser mode: the contract's calls over POST, its events over one WebSocket, all behind the session token. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const staticDir = path.resolve(options.staticDir);
  const server = http.createServer();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  let hosts = new Set<string>();
  let port = options.port;

  const gate = (req: IncomingMessage): number | null => {
    if (!hostAllowed(req, hosts) || !originAllowed(req, hosts)) return 403;
    if (!tokenMatches(requestToken(req, port), options.token)) return 401;
    return null;
  };

  server.on('request', (req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/' && url.searchParams.has('token')) return exchangeToken(req, res, url);
    const refusal = gate(req);
    if (refusal) return refuse(res, refusal);
    if (url.pathname.startsWith(CALL_PREFIX)) return handleCall(req, res, url.pathname.slice(CALL_PREFIX.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405);
    serveStatic(staticDir, url.pathname, res);
  });

  const exchangeToken = (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (!hostAllowed(req, hosts)) return refuse(res, 403);
    if (!tokenMatches(url.searchParams.get('token') ?? undefined, options.token)) return refuse(res, 401);
    // Move the token out of the address bar and history into an HttpOnly cookie.
    res.writeHead(303, { location: '/', 'set-cookie': sessionCookie(port, options.token), 'cache-control': 'no-store' });
    res.end();
  };

  const handleCall = (req: IncomingMessage, res: ServerResponse, channel: string) => {
    if (req.method !== 'POST') return refuse(res, 405);
    readJsonBody(req)
      .then((input) => options.dispatch(decodeURIComponent(channel), input))
      .catch(() => fail({ code: ErrorCode.BadInput, message: 'The request body is not valid JSON (at most 8 MB).' }))
      .then((envelope) => {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify(envelope));
      });
  };

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const refusal = url.pathname === EVENTS_PATH ? gate(req) : 404;
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal} ${http.STATUS_CODES[refusal]}\r\nConnection: close\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => forwardEvents(ws, options.bus));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(options.host, port, options.extraHosts);
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${shownHost === '0.0.0.0' ? '127.0.0.1' : shownHost}:${port}/`;

  return {
    url,
    openUrl: `${url}?token=${options.token}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function forwardEvents(ws: WebSocket, bus: EventBus): void {
  const unsubscribe = bus.subscribe((event, payload) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, payload }));
  });
  ws.on('close', unsubscribe);
  ws.on('error', unsubscribe);
  // The page only listens; anything it sends is ignored.
  ws.on('message', () => undefined);
}

function refuse(res: ServerResponse, status: number): void {
  const messages: Record<number, string> = {
    401: 'Skylift needs the session token. Open the full address that `skylift serve` printed (it ends in ?token=…).',
    403: 'Refused: this request came from a host name or page that is not allowed to reach Skylift.',
    404: 'Not found.',
    405: 'Method not allowed.',
  };
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(messages[status] ?? http.STATUS_CODES[status]);
}

function readJsonBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve(text ? JSON.parse(text) : {});
      } catch (error) {
        reject(error);
      }
    });
    req.on('error', reject);
  });
}
