import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { MAX_BENCH_CONCURRENCY } from '../../../../../shared/contract/runs';
import type { InvokeResult } from '../../../bench/types';
import { parseInvokeLogResult } from '../verify/report-parse';
import { awsErrorFacts } from './retry';
import { timeTheWire, type WireProbe } from './wire-overhead';

const CONNECT_TIMEOUT_MS = 5_000;
/** Beyond the function's own timeout, what the answer may take to come back. */
const ANSWER_GRACE_MS = 30_000;

/** Invoke's client for the hot loop: a socket per request in flight (up to the bench's most), each request timed at the wire. */
export function benchLambdaClient(base: { region: string; credentials: LambdaClient['config']['credentials']; endpoint: string; functionTimeoutSeconds: number }): LambdaClient {
  const agent = { keepAlive: true, maxSockets: MAX_BENCH_CONCURRENCY };
  const client = new LambdaClient({
    region: base.region,
    credentials: base.credentials,
    endpoint: base.endpoint,
    // A 429 in the hot loop is a sample, not a silent retry: Lambda's throttling is part of what the bench measures.
    maxAttempts: 1,
    requestHandler: {
      connectionTimeout: CONNECT_TIMEOUT_MS,
      requestTimeout: base.functionTimeoutSeconds * 1000 + ANSWER_GRACE_MS,
      httpAgent: new http.Agent(agent),
      httpsAgent: new https.Agent(agent),
    },
  });
  client.config.requestHandler = timeTheWire(client.config.requestHandler as Parameters<typeof timeTheWire>[0]) as typeof client.config.requestHandler;
  return client;
}

/** One invoke, its REPORT numbers and its time at the wire; the client's own time outside the wire goes to `overheads`. */
export interface TimedInvoke {
  result: InvokeResult;
  /** Request written → response read; null when no answer came (a refused connection, a cancel). */
  wireMs: number | null;
}

const THROTTLING = new Set(['TooManyRequestsException', 'ThrottlingException']);

/**
 * Invokes with LogType Tail and reads the REPORT from the tail. Never throws: a throttle is a
 * 'throttled' sample (counted, not retried), another AWS error its HTTP status, a dropped
 * connection 'error', a timeout 'timeout', a cancel 'cancelled'.
 */
export async function invokeTimed(client: LambdaClient, functionName: string, qualifier: string, payload: Buffer, signal: AbortSignal, overheads: number[]): Promise<TimedInvoke> {
  const probe: WireProbe = { wireMs: null };
  const started = performance.now();
  try {
    const command = new InvokeCommand({ FunctionName: functionName, Qualifier: qualifier, Payload: payload, LogType: 'Tail' });
    // The SDK hands send()'s options object to the request handler, where timeTheWire fills in the probe.
    const answer = await client.send(command, { abortSignal: signal, wireProbe: probe } as Parameters<LambdaClient['send']>[1]);
    const totalMs = performance.now() - started;
    const clientOverheadMs = probe.wireMs === null ? 0 : Math.max(0, totalMs - probe.wireMs);
    if (probe.wireMs !== null) overheads.push(clientOverheadMs);
    const report = parseInvokeLogResult(answer.LogResult).report;
    const failed = answer.FunctionError !== undefined || answer.StatusCode !== 200;
    return {
      wireMs: probe.wireMs,
      result: {
        ok: !failed,
        status: answer.FunctionError ?? answer.StatusCode ?? 'error',
        serverDurationMs: report?.durationMs ?? null,
        report: { initDurationMs: report?.initDurationMs ?? null, billedDurationMs: report?.billedDurationMs ?? null, maxMemoryUsedMb: report?.maxMemoryUsedMb ?? null },
        ...(probe.wireMs === null ? {} : { clientOverheadMs }),
      },
    };
  } catch (error) {
    return { wireMs: probe.wireMs, result: { ok: false, status: failureStatus(error, signal), serverDurationMs: null } };
  }
}

function failureStatus(error: unknown, signal: AbortSignal): number | string {
  if (signal.aborted) return 'cancelled';
  const facts = awsErrorFacts(error);
  if (THROTTLING.has(facts.name) || facts.status === 429) return 'throttled';
  if (facts.name === 'TimeoutError' || /timed? ?out/i.test(facts.message)) return 'timeout';
  return facts.status ?? 'error';
}
