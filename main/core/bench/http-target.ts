import http from 'node:http';
import { ErrorCode, SkyliftError } from '../../../shared/errors';
import type { BenchTarget, InvokeResult } from './types';

/** The server's own time for a request, set by Skylift's runtime adapter. */
export const SERVER_DURATION_HEADER = 'x-skylift-duration-ms';
const DEFAULT_TIMEOUT_MS = 30_000;
const ABORTED: InvokeResult = Object.freeze({ ok: false, status: 'error', serverDurationMs: null });

export interface HttpTargetOptions {
  headers?: Record<string, string>;
  /** A request with no bytes moving for this long is a 'timeout'. Default 30 s. */
  timeoutMs?: number;
  /** Connections kept open to the server. Default: as many as requests in flight. */
  maxSockets?: number;
}

/** A target for plain HTTP: POST payload to url with a keep-alive agent; serverDurationMs from the `X-Skylift-Duration-Ms` response header. */
export function httpTarget(url: string, options: HttpTargetOptions = {}): BenchTarget & { close(): void } {
  const parsed = parseUrl(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? Infinity, scheduling: 'lifo' });
  // Shared by every request: http.request copies its options, and end(payload) sets Content-Length.
  const base: http.RequestOptions = {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port || 80,
    path: `${parsed.pathname}${parsed.search}`,
    method: 'POST',
    agent,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    headers: { 'content-type': 'application/octet-stream', ...options.headers },
  };
  const inFlight = requestsBySignal();

  return {
    invoke(payload, signal) {
      const live = inFlight(signal);
      if (!live) return Promise.resolve(ABORTED);
      return new Promise<InvokeResult>((resolve) => {
        const request = http.request(base, (response) => {
          const status = response.statusCode ?? 0;
          const serverDurationMs = serverDuration(response.rawHeaders);
          response.on('end', () => done({ ok: status >= 200 && status < 300, status, serverDurationMs }));
          response.on('error', () => done({ ok: false, status: 'error', serverDurationMs }));
          response.resume();
        });
        const done = (result: InvokeResult) => {
          live.delete(request);
          resolve(result);
        };
        live.add(request);
        request.on('timeout', () => {
          done({ ok: false, status: 'timeout', serverDurationMs: null });
          request.destroy();
        });
        request.on('error', () => done({ ok: false, status: 'error', serverDurationMs: null }));
        request.end(payload);
      });
    },
    close() {
      agent.destroy();
    },
  };
}

/**
 * The requests in flight for each signal, destroyed together when it aborts: one listener per run,
 * not one per request as http.request's own `signal` option adds (a measurable cost per request).
 */
function requestsBySignal(): (signal: AbortSignal) => Set<http.ClientRequest> | null {
  const bySignal = new WeakMap<AbortSignal, Set<http.ClientRequest>>();
  return (signal) => {
    if (signal.aborted) return null;
    let live = bySignal.get(signal);
    if (!live) {
      const requests = new Set<http.ClientRequest>();
      signal.addEventListener('abort', () => {
        for (const request of requests) request.destroy();
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

/** Read from the raw header list: touching `response.headers` would build an object per request. */
function serverDuration(rawHeaders: string[]): number | null {
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i];
    if (name.length === SERVER_DURATION_HEADER.length && name.toLowerCase() === SERVER_DURATION_HEADER) {
      const value = Number.parseFloat(rawHeaders[i + 1]);
      return Number.isFinite(value) ? value : null;
    }
  }
  return null;
}
