import net from 'node:net';
import { performance } from 'node:perf_hooks';
import type { WireOverhead } from '../../../../../shared/contract/runs';

/** Where one request's time at the wire is written: the request handler fills it in, the caller reads it. */
export interface WireProbe {
  wireMs: number | null;
}

/** The part of the SDK's HttpHandler the wrapper needs (the SDK passes send()'s options object through to handle()). */
interface Handler {
  handle(request: unknown, options?: { wireProbe?: WireProbe } & Record<string, unknown>): Promise<{ response: { body?: unknown } }>;
}

/**
 * Wraps the SDK's HTTP handler so each request's time at the wire is measured: from handing the
 * signed request to the socket until the response body's last byte is read. The body is read here
 * (into bytes the SDK then deserializes), so the deserializer's own time stays outside the wire.
 */
export function timeTheWire<H extends Handler>(inner: H): H {
  const handle = async (request: unknown, options: Parameters<Handler['handle']>[1] = {}) => {
    const started = performance.now();
    const answer = await inner.handle(request, options);
    const body = answer.response.body;
    if (body && typeof (body as AsyncIterable<Buffer>)[Symbol.asyncIterator] === 'function') {
      const chunks: Buffer[] = [];
      for await (const chunk of body as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
      answer.response.body = Buffer.concat(chunks);
    }
    if (options.wireProbe) options.wireProbe.wireMs = performance.now() - started;
    return answer;
  };
  return new Proxy(inner, { get: (target, key) => (key === 'handle' ? handle : Reflect.get(target, key, target)) });
}

/** Connects this many times to the endpoint (a TCP handshake is one round trip), apart from the bench. */
const RTT_CONNECTS = 5;
const CONNECT_DEADLINE_MS = 3_000;

/** One TCP connect's duration, or null when it failed or took longer than the deadline. */
function connectOnce(host: string, port: number, signal: AbortSignal): Promise<number | null> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = net.connect({ host, port });
    const done = (ms: number | null) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(ms);
    };
    const onAbort = () => done(null);
    const timer = setTimeout(() => done(null), CONNECT_DEADLINE_MS);
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => done(performance.now() - started));
    socket.once('error', () => done(null));
  });
}

/** The endpoint's host and port as a URL names them (443/80 by scheme when it names none). */
export function hostAndPort(endpoint: string): { host: string; port: number } {
  const url = new URL(endpoint);
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port ? Number(url.port) : url.protocol === 'http:' ? 80 : 443 };
}

/** Round trips to the endpoint's host measured as TCP connects, one after another; empty when none connected. */
export async function measureRtt(endpoint: string, signal: AbortSignal, connects = RTT_CONNECTS): Promise<number[]> {
  const { host, port } = hostAndPort(endpoint);
  const times: number[] = [];
  for (let i = 0; i < connects && !signal.aborted; i++) {
    const ms = await connectOnce(host, port, signal);
    if (ms !== null) times.push(ms);
  }
  return times;
}

/** The value at quantile q of sorted values (nearest rank). */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** The run's wire overhead from the measurements; null when either is missing (nothing to show apart). */
export function wireOverheadOf(endpoint: string, rttMs: readonly number[], clientOverheadMs: readonly number[]): WireOverhead | null {
  if (rttMs.length === 0 || clientOverheadMs.length === 0) return null;
  const rtt = [...rttMs].sort((a, b) => a - b);
  const overhead = [...clientOverheadMs].sort((a, b) => a - b);
  return {
    endpoint,
    rttMs: { p50: quantile(rtt, 0.5), min: rtt[0]!, samples: rtt.length },
    clientOverheadMs: { p50: quantile(overhead, 0.5), p99: quantile(overhead, 0.99), samples: overhead.length },
  };
}
