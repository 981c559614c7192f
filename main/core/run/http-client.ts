import http from 'node:http';

export interface HttpAnswer {
  status: number;
  body: Buffer;
  headers: http.IncomingHttpHeaders;
  latencyMs: number;
}

/** The whole request (send to last byte) took longer than its deadline; the socket was destroyed. */
export class DeadlineExceeded extends Error {
  constructor(readonly deadlineMs: number) {
    super(`no answer within ${deadlineMs} ms`);
    this.name = 'DeadlineExceeded';
  }
}

export interface HttpRequestOptions {
  method: 'GET' | 'POST';
  body?: Buffer;
  agent?: http.Agent;
  signal?: AbortSignal;
  /** Socket idle time before giving up. */
  timeoutMs?: number;
  /** Total time for the whole exchange; a server that trickles bytes cannot stretch it. */
  deadlineMs?: number;
  headers?: Record<string, string>;
}

/** One request over a keep-alive agent, timed from send to the last byte. */
export function httpRequest(url: string, options: HttpRequestOptions): Promise<HttpAnswer> {
  return new Promise<HttpAnswer>((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      url,
      {
        method: options.method,
        agent: options.agent,
        signal: options.signal,
        timeout: options.timeoutMs,
        headers: { ...(options.body ? { 'content-type': 'application/json', 'content-length': String(options.body.length) } : {}), ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers, latencyMs: performance.now() - started }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    const deadline = options.deadlineMs === undefined ? undefined : setTimeout(() => req.destroy(new DeadlineExceeded(options.deadlineMs!)), options.deadlineMs);
    req.on('close', () => clearTimeout(deadline));
    req.end(options.body);
  });
}

export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new DOMException('Cancelled', 'AbortError'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new DOMException('Cancelled', 'AbortError'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
