import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { abortError, closedError, restartedError, validateSettings } from './errors';
import { errorTypeOf, jsonBuffer, readBody, sendAccepted, sendError } from './http-io';
import { functionArn, newTraceId } from './identity';
import { InitDeadline } from './init-deadline';
import { assertInvokePayloadSize, MAX_RESPONSE_BYTES, responseTooLargeError } from './limits';
import { exitErrorType, INIT_TIMEOUT_MS, initTimeoutError, invokeTimeoutError, runtimeExitError, TIMED_OUT, type ErrorBody, type RuntimeExitCause } from './outcome-errors';
import { assertUtf8Payload } from './payload-encoding';
import { buildReport, type ReportInput } from './report';
import { matchRoute } from './routes';
import type { InFlight, InitFailure, Invocation, Poll } from './server-state';
import type { InvocationOutcome, InvokeOptions, LambdaFunctionSettings, LambdaReport, LambdaRuntimeApiOptions } from './types';

export type { InvocationOutcome, InvokeOptions, LambdaFunctionSettings, LambdaReport, LambdaRuntimeApiOptions } from './types';
export { formatReportLine } from './report';
export { LambdaErrorCode } from './errors';
export { MAX_PAYLOAD_BYTES, MAX_RESPONSE_BYTES } from './limits';

/**
 * init: started, no GET /next yet · ready: init over · the container must be recycled after
 * init-failed, timed-out, init-timed-out (init missed its 10 s) or exited (the runtime process is gone).
 */
type Phase = 'init' | 'ready' | 'init-failed' | 'timed-out' | 'init-timed-out' | 'exited' | 'closed';

const FINISHED_IDS_KEPT = 1000;

/**
 * Skylift's own AWS Lambda Runtime API (2018-06-01) for one execution environment: the runtime in
 * a local container long-polls it for events, and invoke() measures what Lambda's REPORT line would.
 */
export class LambdaRuntimeApi {
  private server: http.Server | null = null;
  private phase: Phase = 'init';
  /** Bumped by environmentStarted(); each connection is stamped with the environment it belongs to. */
  private generation = 0;
  private readonly socketGeneration = new WeakMap<Socket, number>();
  private readonly openSockets = new Set<Socket>();
  private startedAt: number | null = null;
  /** Init Duration waiting for the environment's first invocation. */
  private coldInitMs: number | null = null;
  private queue: Invocation[] = [];
  private polls: Poll[] = [];
  private inFlight: InFlight | null = null;
  private initFailure: InitFailure | null = null;
  /** An init error from a new container's runtime that arrived before environmentStarted(). */
  private heldInitError: { failure: InitFailure; socket: Socket } | null = null;
  private readonly finishedIds = new Set<string>();
  private readonly initDeadline: InitDeadline;
  private readonly timeoutMs: number;
  private readonly arn: string;
  /** Measures durations: high resolution, never stepped by clock changes. */
  private readonly now: () => number;
  /** The wall clock the runtime shares, for Lambda-Runtime-Deadline-Ms and timeout messages. */
  private readonly wallNow: () => number;

  constructor(
    private readonly settings: LambdaFunctionSettings,
    private readonly options: LambdaRuntimeApiOptions,
  ) {
    validateSettings(settings, options);
    this.timeoutMs = settings.timeoutSeconds * 1000;
    this.initDeadline = new InitDeadline(options.initTimeoutMs ?? INIT_TIMEOUT_MS, this.timeoutMs);
    this.arn = functionArn(settings);
    this.now = options.now ?? (() => performance.timeOrigin + performance.now());
    this.wallNow = options.now ?? Date.now;
  }

  /** True after a timeout or init error: recycle the container, then call environmentStarted(). */
  get needsReset(): boolean {
    return this.phase === 'init-failed' || this.phase === 'timed-out' || this.phase === 'init-timed-out' || this.phase === 'exited';
  }

  /** How this environment's init stands (watch mode swaps only to an environment whose runtime asked for work). */
  get initState(): { state: 'init' | 'ready' } | { state: 'failed'; errorType: string; message: string } {
    if (this.phase === 'init' || this.phase === 'ready') return { state: this.phase };
    if (this.phase === 'init-timed-out') return { state: 'failed', errorType: 'Runtime.InitTimeout', message: `init did not finish within ${this.initDeadline.initTimeoutMs / 1000} s` };
    const failure = this.initFailure;
    if (!failure) return { state: 'failed', errorType: 'Runtime.ExitError', message: `the environment ended (${this.phase})` };
    return { state: 'failed', errorType: failure.errorType, message: initErrorMessage(failure) };
  }

  async start(): Promise<{ host: string; port: number; address: string }> {
    if (this.server) throw new Error('LambdaRuntimeApi already started');
    const server = http.createServer((req, res) => this.handle(req, res));
    // One trusted client that may sit idle between invocations for as long as it likes.
    server.keepAliveTimeout = 0;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, this.options.host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const host = this.options.host;
    return { host, port, address: `${host.includes(':') ? `[${host}]` : host}:${port}` };
  }

  /**
   * Marks the start of a fresh execution environment: Init Duration runs from here to the
   * runtime's first GET /next. Call it as the container starts (best just before); requests from
   * a new container that arrive earlier are kept, those from the container it replaces are not.
   */
  environmentStarted(): void {
    if (this.phase === 'closed') return;
    this.generation++;
    const isCurrent = (socket: Socket) => this.socketGeneration.get(socket) === this.generation;
    if (this.inFlight && !isCurrent(this.inFlight.socket)) {
      const { invocation } = this.endInFlight();
      invocation.settle(restartedError(invocation.requestId));
    }
    const stale = this.polls.filter((poll) => !isCurrent(poll.socket));
    this.polls = this.polls.filter((poll) => isCurrent(poll.socket));
    for (const poll of stale) sendError(poll.res, 500, 'ContainerError', 'This execution environment was replaced; exit.');

    this.startedAt = this.now();
    this.coldInitMs = null;
    this.initFailure = null;
    const held = this.heldInitError;
    this.heldInitError = null;
    // Anything the new runtime did before this call happened at an unknown point of its init.
    if (held && isCurrent(held.socket)) this.failInit(held.failure, null);
    else this.phase = this.inFlight || this.polls.length > 0 ? 'ready' : 'init';
    if (this.phase === 'init') this.armInitDeadline();
    else this.initDeadline.clear();
    this.pump();
  }

  /**
   * The container's process ended on its own. Whatever waits on this environment ends at once,
   * as Lambda ends it: Runtime.ExitError (Runtime.OutOfMemory when the memory limit killed it).
   */
  environmentExited(cause: RuntimeExitCause): void {
    if (this.phase === 'init') {
      const initDurationMs = this.startedAt === null ? null : this.now() - this.startedAt;
      return this.failInit({ payload: Buffer.alloc(0), errorType: exitErrorType(cause), exitCause: cause }, initDurationMs);
    }
    if (this.phase !== 'ready') return; // already failed, timed out or closed: the exit is the expected end
    this.phase = 'exited';
    if (this.inFlight) {
      const flight = this.endInFlight();
      const { requestId } = flight.invocation;
      const error = runtimeExitError(requestId, cause);
      this.complete(flight, (report) => ({ kind: 'function-error', requestId, payload: jsonBuffer(error), errorType: error.errorType, report }), this.now(), { status: 'error', errorType: error.errorType });
    }
    // Queued ones would have met the same environment; they end the same way.
    for (const invocation of this.queue.splice(0)) this.answerExit(invocation, cause);
  }

  invoke(payload: Buffer, options: InvokeOptions = {}): Promise<InvocationOutcome> {
    if (this.phase === 'closed') return Promise.reject(closedError());
    if (options.signal?.aborted) return Promise.reject(abortError());
    try {
      assertInvokePayloadSize(payload.length);
      assertUtf8Payload(payload);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<InvocationOutcome>((resolve, reject) => {
      let settled = false;
      const onAbort = () => {
        // Queued: it never reaches the runtime. Handed over: the runtime's answer will be discarded.
        this.queue = this.queue.filter((queued) => queued !== invocation);
        invocation.settle(abortError());
      };
      const invocation: Invocation = {
        requestId: randomUUID(),
        payload,
        options,
        settle: (result) => {
          if (settled) return;
          settled = true;
          options.signal?.removeEventListener('abort', onAbort);
          if (result instanceof Error) reject(result);
          else resolve(result);
        },
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      // A failed init answers every invoke until the container is recycled, as Lambda would.
      if (this.phase === 'init-failed' && this.initFailure) return this.answerInitError(invocation, this.initFailure, null);
      this.queue.push(invocation);
      this.pump();
    });
  }

  async close(): Promise<void> {
    if (this.phase === 'closed') return;
    this.phase = 'closed';
    this.initDeadline.clear();
    const pending = [...this.queue.splice(0), ...(this.inFlight ? [this.endInFlight().invocation] : [])];
    for (const invocation of pending) invocation.settle(closedError(invocation.requestId));
    for (const poll of this.polls.splice(0)) sendError(poll.res, 500, 'ContainerError', 'The Runtime API is shutting down; exit.', { connection: 'close' });
    const server = this.server;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Let the 500s above reach the runtime before the connections go.
    await new Promise((resolve) => setImmediate(resolve));
    server.closeAllConnections();
    await closed;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    if (!this.socketGeneration.has(req.socket)) this.stampConnection(req.socket);
    const match = matchRoute(req.method ?? 'GET', req.url ?? '/');
    if ('status' in match) {
      req.resume();
      if (match.status === 404) return sendError(res, 404, 'NotFound', `The Runtime API has no resource at ${req.url}.`);
      return sendError(res, 405, 'MethodNotAllowed', `${req.method} is not allowed here; use ${match.allow}.`, { allow: match.allow });
    }
    const { route } = match;
    if (route.name === 'next') return this.onNext(req, res);
    readBody(req, MAX_RESPONSE_BYTES)
      .then(({ body, size }) => {
        if (route.name === 'init-error') return this.onInitError(req, res, body, size);
        if (route.name === 'response') return this.onResponse(res, route.requestId, body, size);
        return this.onInvocationError(req, res, route.requestId, body, size);
      })
      .catch(() => res.destroy()); // the runtime went away mid-request
  }

  /**
   * Which environment a new connection belongs to. It is the next one while this one awaits a
   * restart, or when the runtime that was serving has dropped all its connections (its container
   * is gone), so a recycled container's runtime is kept even if environmentStarted() comes late.
   */
  private stampConnection(socket: Socket): void {
    const runtimeGone = this.phase === 'ready' && this.openSockets.size === 0;
    const awaitingStart = this.generation === 0 || this.needsReset || runtimeGone;
    this.socketGeneration.set(socket, awaitingStart ? this.generation + 1 : this.generation);
    this.openSockets.add(socket);
    socket.once('close', () => this.openSockets.delete(socket));
  }

  private onNext(req: IncomingMessage, res: ServerResponse): void {
    if (this.phase === 'closed') return sendError(res, 500, 'ContainerError', 'The Runtime API is shutting down; exit.');
    if (this.inFlight) {
      const id = this.inFlight.invocation.requestId;
      return sendError(res, 403, 'InvalidStateTransition', `State transition from Invoke to InvocationNext failed: invocation ${id} has not been answered yet.`);
    }
    if (this.phase === 'init') {
      this.phase = 'ready';
      this.initDeadline.clear();
      this.coldInitMs = this.startedAt === null ? null : this.now() - this.startedAt;
    }
    const poll: Poll = { res, socket: req.socket };
    this.polls.push(poll);
    res.on('close', () => (this.polls = this.polls.filter((waiting) => waiting !== poll)));
    this.pump();
  }

  private onResponse(res: ServerResponse, requestId: string, body: Buffer, size: number): void {
    const flight = this.answerable(res, requestId);
    if (!flight) return;
    this.endInFlight();
    if (size > MAX_RESPONSE_BYTES) {
      sendError(res, 413, 'RequestEntityTooLarge', `Exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`);
      const error = responseTooLargeError(size);
      this.complete(flight, (report) => ({ kind: 'function-error', requestId, payload: jsonBuffer(error), errorType: error.errorType, report }));
    } else {
      sendAccepted(res);
      this.complete(flight, (report) => ({ kind: 'success', requestId, payload: body, report }));
    }
    this.pump();
  }

  private onInvocationError(req: IncomingMessage, res: ServerResponse, requestId: string, body: Buffer, size: number): void {
    const flight = this.answerable(res, requestId);
    if (!flight) return;
    sendAccepted(res);
    const errorType = errorTypeOf(req, body);
    // The runtime enforced the deadline itself; it is a timeout all the same.
    if (errorType === TIMED_OUT) return this.timeOut(flight);
    this.endInFlight();
    const payload = size > MAX_RESPONSE_BYTES ? jsonBuffer(responseTooLargeError(size)) : body;
    this.complete(flight, (report) => ({ kind: 'function-error', requestId, payload, errorType, report }));
    this.pump();
  }

  private onInitError(req: IncomingMessage, res: ServerResponse, body: Buffer, size: number): void {
    const failure: InitFailure = { payload: size > MAX_RESPONSE_BYTES ? jsonBuffer(responseTooLargeError(size)) : body, errorType: errorTypeOf(req, body) };
    if (this.phase === 'closed') return sendError(res, 500, 'ContainerError', 'The Runtime API is shutting down; exit.');
    if (this.phase === 'init') {
      sendAccepted(res);
      return this.failInit(failure, this.startedAt === null ? null : this.now() - this.startedAt);
    }
    if (this.needsReset && this.socketGeneration.get(req.socket) === this.generation + 1) {
      sendAccepted(res);
      this.heldInitError = { failure, socket: req.socket };
      return;
    }
    sendError(res, 403, 'InvalidStateTransition', 'State transition to InitError failed: init is over (the runtime has already asked for an invocation, or reported an init error).');
  }

  /** The in-flight invocation `requestId` names, or null once the runtime has been told why not. */
  private answerable(res: ServerResponse, requestId: string): InFlight | null {
    if (this.phase === 'closed') {
      sendError(res, 500, 'ContainerError', 'The Runtime API is shutting down; exit.');
      return null;
    }
    const flight = this.inFlight;
    if (flight && flight.invocation.requestId === requestId) {
      if (this.now() < flight.deadlineAt) return flight;
      this.timeOut(flight); // the answer came after the deadline: Lambda would have cut it off already
    }
    if (this.inFlight || this.finishedIds.has(requestId)) {
      sendError(res, 400, 'InvalidRequestID', 'Invalid request ID');
    } else {
      sendError(res, 403, 'InvalidStateTransition', 'No invocation is in progress: GET /runtime/invocation/next first, then answer the request ID it gave.');
    }
    return null;
  }

  private pump(): void {
    if (this.phase !== 'ready' || this.inFlight) return;
    while (this.queue.length > 0 && this.polls.length > 0) {
      const poll = this.polls.shift()!;
      if (poll.res.destroyed || poll.res.headersSent) continue;
      this.handOff(this.queue.shift()!, poll);
      return;
    }
  }

  private handOff(invocation: Invocation, poll: Poll): void {
    const handedAt = this.now();
    // Rounded up, so a runtime that waits for the deadline itself answers after ours has passed.
    const deadlineMs = Math.ceil(this.wallNow() + this.timeoutMs);
    const timer = setTimeout(() => this.inFlight?.invocation === invocation && this.timeOut(this.inFlight), this.timeoutMs);
    this.inFlight = { invocation, socket: poll.socket, handedAt, deadlineAt: handedAt + this.timeoutMs, initDurationMs: this.coldInitMs, timer };
    this.coldInitMs = null;
    const { clientContext, cognitoIdentity } = invocation.options;
    poll.res.writeHead(200, {
      'Content-Type': 'application/json',
      'Content-Length': String(invocation.payload.length),
      'Lambda-Runtime-Aws-Request-Id': invocation.requestId,
      'Lambda-Runtime-Deadline-Ms': String(deadlineMs),
      'Lambda-Runtime-Invoked-Function-Arn': this.arn,
      'Lambda-Runtime-Trace-Id': newTraceId(this.wallNow()),
      ...(clientContext ? { 'Lambda-Runtime-Client-Context': clientContext } : {}),
      ...(cognitoIdentity ? { 'Lambda-Runtime-Cognito-Identity': cognitoIdentity } : {}),
    });
    poll.res.end(invocation.payload);
  }

  private timeOut(flight: InFlight): void {
    // libuv timers keep a millisecond loop clock and may fire a fraction of a millisecond
    // before the high-resolution deadline; the timeout still happened at the deadline.
    const at = Math.max(this.now(), flight.deadlineAt);
    this.endInFlight();
    this.phase = 'timed-out';
    const { requestId } = flight.invocation;
    const payload = jsonBuffer(invokeTimeoutError(requestId, this.wallNow(), (at - flight.handedAt) / 1000));
    this.complete(flight, (report) => ({ kind: 'timeout', requestId, payload, report }), at, { status: 'timeout' });
  }

  private armInitDeadline(): void {
    const generation = this.generation;
    this.initDeadline.arm((retry) => {
      if (this.phase !== 'init' || this.generation !== generation) return;
      if (retry) return this.failInitRetry();
      // Lambda retries a late init at the first invoke; queued invocations wait for that retry.
      this.phase = 'init-timed-out';
      this.options.onInitTimeout?.();
    });
  }

  /** The retried init also missed its deadline (the function's timeout): what waits times out. */
  private failInitRetry(): void {
    this.phase = 'timed-out';
    for (const invocation of this.queue.splice(0)) {
      const { requestId } = invocation;
      const payload = jsonBuffer(initTimeoutError(requestId, this.initDeadline.initTimeoutMs, this.timeoutMs));
      void this.measure({ requestId, durationMs: this.timeoutMs, initDurationMs: null, status: 'timeout' }).then((report) => invocation.settle({ kind: 'timeout', requestId, payload, report }));
    }
  }

  private failInit(failure: InitFailure, initDurationMs: number | null): void {
    this.initDeadline.clear();
    this.phase = 'init-failed';
    this.initFailure = failure;
    this.coldInitMs = null;
    this.queue.splice(0).forEach((invocation, index) => this.answerInitError(invocation, failure, index === 0 ? initDurationMs : null));
  }

  private answerInitError(invocation: Invocation, failure: InitFailure, initDurationMs: number | null): void {
    const { requestId } = invocation;
    const exit = failure.exitCause ? runtimeExitError(requestId, failure.exitCause) : null;
    const payload = exit ? jsonBuffer(exit) : failure.payload;
    const status = exit ? { status: 'error' as const, errorType: exit.errorType } : {};
    void this.measure({ requestId, durationMs: 0, initDurationMs, ...status }).then((report) =>
      invocation.settle({ kind: 'init-error', requestId, payload, errorType: failure.errorType, report }),
    );
  }

  private answerExit(invocation: Invocation, cause: RuntimeExitCause): void {
    const { requestId } = invocation;
    const error: ErrorBody = runtimeExitError(requestId, cause);
    void this.measure({ requestId, durationMs: 0, initDurationMs: null, status: 'error', errorType: error.errorType }).then((report) =>
      invocation.settle({ kind: 'function-error', requestId, payload: jsonBuffer(error), errorType: error.errorType, report }),
    );
  }

  private endInFlight(): InFlight {
    const flight = this.inFlight!;
    clearTimeout(flight.timer);
    this.inFlight = null;
    this.finishedIds.add(flight.invocation.requestId);
    if (this.finishedIds.size > FINISHED_IDS_KEPT) this.finishedIds.delete(this.finishedIds.values().next().value!);
    return flight;
  }

  private complete(flight: InFlight, outcome: (report: LambdaReport) => InvocationOutcome, endedAt = this.now(), status: Pick<ReportInput, 'status' | 'errorType'> = {}): void {
    const { invocation } = flight;
    const input = { requestId: invocation.requestId, durationMs: endedAt - flight.handedAt, initDurationMs: flight.initDurationMs, ...status };
    void this.measure(input).then((report) => invocation.settle(outcome(report)));
  }

  private async measure(input: Omit<ReportInput, 'memorySizeMb' | 'maxMemoryUsedMb'>): Promise<LambdaReport> {
    let maxMemoryUsedMb: number | null = null;
    try {
      const used = await this.options.memoryUsedMb?.();
      maxMemoryUsedMb = typeof used === 'number' && Number.isFinite(used) ? used : null;
    } catch {
      maxMemoryUsedMb = null; // a stats read that fails leaves the field out, as an unmeasured value
    }
    return buildReport({ ...input, memorySizeMb: this.settings.memoryMb, maxMemoryUsedMb });
  }
}

/** The runtime's own words for an init error (its errorMessage), or how its process ended. */
function initErrorMessage(failure: InitFailure): string {
  if (failure.exitCause) return 'the runtime process exited during init';
  try {
    const body = JSON.parse(failure.payload.toString('utf8')) as { errorMessage?: unknown };
    if (typeof body.errorMessage === 'string') return body.errorMessage;
  } catch {
    // Not JSON: the type alone says it.
  }
  return 'init failed';
}
