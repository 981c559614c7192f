import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from '../http-io';
import type { InvocationOutcome, LambdaFunctionSettings } from '../types';
import { InvokeApiError, sendAwsError, serviceError, throttled, unknownOperation, validationError } from './aws-errors';
import { EnvironmentPool } from './environment-pool';
import { EventQueue } from './event-queue';
import { LATEST, resolveFunctionRef } from './function-ref';
import { checkPayload, MAX_SYNC_PAYLOAD_BYTES, parseInvokeHeaders, type InvokeHeaders } from './invoke-request';
import { InvocationLog } from './log-tail';
import type { LambdaEnvironment } from './types';

export type { LambdaEnvironment } from './types';

/** Loopback only: the API checks no credentials, so nothing off this machine may reach it. */
const HOST = '127.0.0.1';
const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;
/** Output printed just before the answer reaches us through the engine's log stream a little later: wait for it to go quiet. */
const LOG_QUIET_MS = 30;
const LOG_SETTLE_MAX_MS = 250;

export interface InvokeApiOptions {
  settings: LambdaFunctionSettings;
  /** The function's execution environments; each takes one invocation at a time. */
  environments: readonly LambdaEnvironment[];
  /** Where Event invocations report how they ended (the run's log). */
  log: (line: string) => void;
}

/**
 * Lambda's Invoke API (restJson1, `POST /2015-03-31/functions/{FunctionName}/invocations`) for a
 * local aws-lambda variant, as `sam local start-lambda` offers it: the AWS SDK, the AWS CLI and
 * Skylift's cloud bench reach the local function the way they reach the deployed one. Like sam
 * local it checks no signature: any SigV4-signed or unsigned request is served, and no secret is
 * looked at, which is why it listens on 127.0.0.1 only.
 */
export class InvokeApiServer {
  readonly pool: EnvironmentPool<LambdaEnvironment>;
  private readonly events: EventQueue;
  private server: http.Server | null = null;
  private endpointUrl = '';

  constructor(private readonly options: InvokeApiOptions) {
    this.pool = new EnvironmentPool(options.environments);
    this.events = new EventQueue(this.pool, options.log);
  }

  get endpoint(): string {
    return this.endpointUrl;
  }

  get functionName(): string {
    return this.options.settings.functionName;
  }

  async start(): Promise<string> {
    const server = http.createServer((req, res) => void this.handle(req, res));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, HOST, () => resolve());
    });
    this.endpointUrl = `http://${HOST}:${(server.address() as AddressInfo).port}`;
    return this.endpointUrl;
  }

  async close(): Promise<void> {
    this.events.close();
    const server = this.server;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Answers already written (a ServiceException as the session stops) reach their clients before the connections go.
    await new Promise((resolve) => setImmediate(resolve));
    server.closeAllConnections();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    try {
      const functionRef = this.route(req);
      const { body, size } = await readBody(req, MAX_SYNC_PAYLOAD_BYTES + 1);
      const headers = parseInvokeHeaders(req.headers);
      resolveFunctionRef(functionRef.name, functionRef.qualifier, this.options.settings);
      const payload = checkPayload(body, size, headers.invocationType);
      if (headers.invocationType === 'DryRun') return sendEmpty(res, 204, requestId);
      if (headers.invocationType === 'Event') {
        this.events.enqueue(payload);
        return sendEmpty(res, 202, requestId);
      }
      await this.invokeNow(payload, headers, res);
    } catch (error) {
      req.resume(); // a refused request's body is still read, so the client sees the answer, not a reset
      sendAwsError(res, error instanceof InvokeApiError ? error : serviceError(`The local invocation failed: ${(error as Error).message}`), requestId);
    }
  }

  /** The function reference in the path and the Qualifier query; anything but POST to that path is an unknown operation. */
  private route(req: IncomingMessage): { name: string; qualifier: string | null } {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    const match = INVOKE_PATH.exec(url.pathname);
    if (!match || req.method !== 'POST') throw unknownOperation();
    let name: string;
    try {
      name = decodeURIComponent(match[1]);
    } catch {
      throw validationError(`Value '${match[1]}' at 'functionName' failed to satisfy constraint: Member must be a valid percent-encoded string`);
    }
    return { name, qualifier: url.searchParams.get('Qualifier') };
  }

  /** A synchronous invoke: one environment, or TooManyRequestsException when all are busy, as reserved concurrency answers. */
  private async invokeNow(payload: Buffer, headers: InvokeHeaders, res: ServerResponse): Promise<void> {
    const environment = this.pool.tryAcquire();
    if (!environment) throw throttled();
    const log = new InvocationLog();
    const stopListening = environment.onLogLine((line) => log.add(line));
    let outcome: InvocationOutcome;
    try {
      outcome = await environment.invokeOutcome(payload, headers.clientContext ? { clientContext: headers.clientContext } : {});
      if (headers.logType === 'Tail') await settle(log);
    } finally {
      stopListening();
      this.pool.release(environment);
    }
    sendOutcome(res, outcome, headers.logType === 'Tail' ? log.tail(outcome.report, LATEST) : null);
  }
}

/** Waits until the environment's output has been quiet for a moment (bounded), so the tail has the function's last lines. */
async function settle(log: InvocationLog): Promise<void> {
  const started = performance.now();
  while (log.quietForMs(started) < LOG_QUIET_MS && performance.now() - started < LOG_SETTLE_MAX_MS) {
    await new Promise((resolve) => setTimeout(resolve, LOG_QUIET_MS / 3));
  }
}

/** 200 with the function's payload; a function error (any outcome but success) is X-Amz-Function-Error: Unhandled, as Lambda reports it. */
function sendOutcome(res: ServerResponse, outcome: InvocationOutcome, logResult: string | null): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': String(outcome.payload.length),
    'x-amzn-requestid': outcome.requestId,
    'x-amz-executed-version': LATEST,
    ...(outcome.kind === 'success' ? {} : { 'x-amz-function-error': 'Unhandled' }),
    ...(logResult === null ? {} : { 'x-amz-log-result': logResult }),
  });
  res.end(outcome.payload);
}

function sendEmpty(res: ServerResponse, status: number, requestId: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-length': '0', 'x-amzn-requestid': requestId });
  res.end();
}
