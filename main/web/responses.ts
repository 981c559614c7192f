import http, { type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { ErrorCode, fail, type Envelope } from '../../shared/contract';

const REFUSALS: Record<number, string> = {
  400: 'Bad request: the address or headers are malformed.',
  403: 'Refused: this request came from a host name or page that is not allowed to reach Skylift.',
  404: 'Not found.',
  405: 'Method not allowed.',
};

export function refuse(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(REFUSALS[status] ?? http.STATUS_CODES[status]);
}

export function sendEnvelope(res: ServerResponse, status: number, envelope: Envelope<unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(envelope));
}

export const internalErrorEnvelope = (reference: string): Envelope<never> =>
  fail({
    code: ErrorCode.Internal,
    message: `Skylift hit an unexpected error (ref ${reference}).`,
    hint: 'Details are in logs/skylift.log in the Skylift data folder; please report the error with that file.',
  });

/** The answer to a handler that threw: 500 when nothing was sent yet, else cut the response short. */
export function answerInternalError(res: ServerResponse, reference: string): void {
  if (res.headersSent) return void res.destroy();
  sendEnvelope(res, 500, internalErrorEnvelope(reference));
}

/** A status line on a raw socket (upgrade refusals, client errors), then a graceful close. */
export function endSocket(socket: Duplex, status: number): void {
  if (!socket.writable) return void socket.destroy();
  socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  // A peer that never reads must not hold the socket open.
  setTimeout(() => socket.destroy(), 2000).unref();
}
