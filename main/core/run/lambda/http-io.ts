import type { IncomingMessage, ServerResponse } from 'node:http';

export interface ReadBody {
  /** At most `limit` bytes; the rest was counted and dropped. */
  body: Buffer;
  /** The full size the client sent. */
  size: number;
}

/**
 * Reads a request body, keeping at most `limit` bytes but reading to the end, so a client that
 * is still sending never sees its connection cut before it can read our answer.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (kept >= limit) return;
      const part = chunk.length > limit - kept ? chunk.subarray(0, limit - kept) : chunk;
      chunks.push(part);
      kept += part.length;
    });
    req.on('end', () => resolve({ body: Buffer.concat(chunks, kept), size }));
    req.on('error', reject);
  });
}

/** The spec's ErrorResponse: `{"errorMessage", "errorType"}`. */
export function sendError(res: ServerResponse, status: number, errorType: string, errorMessage: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { errorMessage, errorType }, headers);
}

/** The spec's StatusResponse for 202. */
export function sendAccepted(res: ServerResponse): void {
  sendJson(res, 202, { status: 'OK' });
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const body = Buffer.from(JSON.stringify(value));
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(body.length), ...headers });
  res.end(body);
}

/** errorType from the runtime's error body, if it is the standard `{"errorType": ...}` JSON. */
export function errorTypeInBody(body: Buffer): string | null {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    const type = (parsed as { errorType?: unknown } | null)?.errorType;
    return typeof type === 'string' && type.length > 0 ? type : null;
  } catch {
    return null;
  }
}

const ERROR_TYPE_HEADER = 'lambda-runtime-function-error-type';

/** The runtime's error type: Lambda-Runtime-Function-Error-Type, else the body's errorType, else Unhandled. */
export function errorTypeOf(req: IncomingMessage, body: Buffer): string {
  const header = req.headers[ERROR_TYPE_HEADER];
  const fromHeader = Array.isArray(header) ? header[0] : header;
  return fromHeader || errorTypeInBody(body) || 'Unhandled';
}

export function jsonBuffer(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}
