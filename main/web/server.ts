import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { ErrorCode, fail } from '../../shared/contract';
import { RENDERER_CSP } from '../../shared/renderer-assets';
import type { Dispatch } from '../core/dispatch';
import type { EventBus } from '../core/events';
import { allowedHosts, hostAllowed, newSessionToken, originAllowed, requestAuthorized, sessionCookie, tokenMatches, type Credentials } from './auth';
import { eventSockets, refuseUpgrade } from './events-socket';
import { guarded, type LogError } from './guard';
import { readJsonBody } from './json-body';
import { parseRequestTarget } from './request-target';
import { answerInternalError, endSocket, refuse, sendEnvelope } from './responses';
import { serveStatic } from './static-files';
import { refuseToken, tokenRefusal } from './token-page';
import { formatBytes } from '../../shared/text/bytes';

export interface WebServerOptions {
  dispatch: Dispatch;
  bus: EventBus;
  token: string;
  host: string;
  port: number;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** Where unexpected errors go with their stacks (logs/skylift.log); the client gets a reference only. */
  logError: LogError;
  /** Extra host names the browser may use (e.g. the box's DNS name when bound beyond loopback). */
  extraHosts?: readonly string[];
}

export interface WebServer {
  url: string;
  /** The URL to open: carries the token once, then the server swaps it for a session cookie. */
  openUrl: string;
  port: number;
  close(): Promise<void>;
}

/** The most a contract call's JSON body may be; larger gets 413 with an AppError. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;
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
  const { logError } = options;
  const credentials: Credentials = { token: options.token, sessionSecret: newSessionToken() };
  const server = http.createServer();
  const sockets = eventSockets(options.bus, logError);
  let hosts = new Set<string>();
  let port = options.port;

  const gate = (req: IncomingMessage): number | null => {
    if (!hostAllowed(req, hosts) || !originAllowed(req, hosts)) return 403;
    if (!requestAuthorized(req, port, credentials)) return 401;
    return null;
  };

  const handleRequest = async (req: IncomingMessage, res: ServerResponse) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const target = parseRequestTarget(req.url);
    if (!target) return refuse(res, 400);
    if (req.method === 'GET' && target.pathname === '/' && target.query.has('token')) return exchangeToken(req, res, target.query.get('token'));
    const refusal = gate(req);
    const isCall = target.pathname.startsWith(CALL_PREFIX);
    if (refusal === 401) return refuseToken(res, tokenRefusal(req, port, null), !isCall);
    if (refusal) return refuse(res, refusal);
    if (isCall) return handleCall(req, res, target.pathname.slice(CALL_PREFIX.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405);
    serveStatic(staticDir, target.pathname, res, logError);
  };

  const exchangeToken = (req: IncomingMessage, res: ServerResponse, token: string | null) => {
    if (!hostAllowed(req, hosts)) return refuse(res, 403);
    if (!tokenMatches(token ?? undefined, credentials.token)) return refuseToken(res, tokenRefusal(req, port, token || null), true);
    // The token leaves the address bar and history; the cookie carries a different secret.
    res.writeHead(303, { location: '/', 'set-cookie': sessionCookie(port, credentials.sessionSecret), 'cache-control': 'no-store' });
    res.end();
  };

  const handleCall = async (req: IncomingMessage, res: ServerResponse, channel: string) => {
    if (req.method !== 'POST') return refuse(res, 405);
    const body = await readJsonBody(req, MAX_BODY_BYTES);
    if (body.kind === 'aborted') return;
    if (body.kind === 'too-large') {
      const limit = formatBytes(MAX_BODY_BYTES);
      return sendEnvelope(res, 413, fail({ code: ErrorCode.BadInput, message: `The request body is larger than ${limit}.`, hint: `Send at most ${limit}; put large payloads in a file and pass its path.` }));
    }
    if (body.kind === 'bad-json') return sendEnvelope(res, 400, fail({ code: ErrorCode.BadInput, message: 'The request body is not valid JSON.' }));
    sendEnvelope(res, 200, await options.dispatch(channel, body.value));
  };

  const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node takes its own error listener off an upgraded socket: without one, a peer's reset would end the process.
    socket.on('error', () => socket.destroy());
    const target = parseRequestTarget(req.url);
    const refusal = !target ? 400 : target.pathname === EVENTS_PATH ? gate(req) : 404;
    if (refusal) return refuseUpgrade(socket, refusal);
    sockets.accept(req, socket, head);
  };

  server.on('request', guarded('web request', logError, handleRequest, (ref, _req, res) => answerInternalError(res, ref)));
  server.on('upgrade', guarded('web upgrade', logError, handleUpgrade, (_ref, _req, socket) => endSocket(socket, 500)));
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    endSocket(socket, 405);
  });
  // Malformed request lines and headers never reach 'request': answer them 400 (431, 408) and close cleanly.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => answerClientError(error, socket));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  server.on('error', (error) => logError('web server', error));
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
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  endSocket(socket, status);
}
