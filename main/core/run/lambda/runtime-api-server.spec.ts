import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { SkyliftError } from '../../../../shared/errors';
import { formatReportLine, LambdaRuntimeApi, type InvocationOutcome, type LambdaFunctionSettings, type LambdaRuntimeApiOptions } from './runtime-api-server';

const BASE = '/2018-06-01/runtime';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A runtime speaking the published API over plain HTTP: a fresh connection per request, or the agent's. */
function runtimeAt(address: string, agent: http.Agent | false = false) {
  const call = (method: string, path: string, body?: Buffer | string, headers: Record<string, string> = {}) =>
    new Promise<Answer>((resolve, reject) => {
      const req = http.request(`http://${address}${BASE}${path}`, { method, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  return {
    next: () => call('GET', '/invocation/next'),
    respond: (id: string, body: Buffer | string) => call('POST', `/invocation/${id}/response`, body),
    error: (id: string, body: string, errorType?: string) =>
      call('POST', `/invocation/${id}/error`, body, errorType ? { 'Lambda-Runtime-Function-Error-Type': errorType } : {}),
    initError: (body: string, errorType?: string) => call('POST', '/init/error', body, errorType ? { 'Lambda-Runtime-Function-Error-Type': errorType } : {}),
  };
}

const requestIdOf = (answer: Answer) => String(answer.headers['lambda-runtime-aws-request-id']);
const json = (buffer: Buffer): unknown => JSON.parse(buffer.toString('utf8'));
const pause = (ms = 50) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once the promise has settled, without failing the test on a rejection. */
function settled<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

describe('LambdaRuntimeApi', () => {
  const apis: LambdaRuntimeApi[] = [];
  afterEach(async () => {
    await Promise.all(apis.splice(0).map((api) => api.close()));
  });

  async function serve(settings: Partial<LambdaFunctionSettings> = {}, options: Partial<LambdaRuntimeApiOptions> = {}) {
    const api = new LambdaRuntimeApi({ functionName: 'iris', memoryMb: 1024, timeoutSeconds: 30, ...settings }, { host: '127.0.0.1', ...options });
    apis.push(api);
    const { address } = await api.start();
    return { api, address, runtime: runtimeAt(address) };
  }

  it('listens on the host it was given, on a free port', async () => {
    const api = new LambdaRuntimeApi({ functionName: 'f', memoryMb: 128, timeoutSeconds: 3 }, { host: '127.0.0.1' });
    apis.push(api);
    const bound = await api.start();
    expect(bound.host).toBe('127.0.0.1');
    expect(bound.port).toBeGreaterThan(0);
    expect(bound.address).toBe(`127.0.0.1:${bound.port}`);
  });

  it('refuses settings Lambda could not have', () => {
    const make = (settings: Partial<LambdaFunctionSettings>, host = '127.0.0.1') =>
      () => new LambdaRuntimeApi({ functionName: 'f', memoryMb: 128, timeoutSeconds: 3, ...settings }, { host });
    expect(make({ timeoutSeconds: 0 })).toThrow(SkyliftError);
    expect(make({ memoryMb: -1 })).toThrow(/memoryMb/);
    expect(make({ functionName: '' })).toThrow(/functionName/);
    expect(make({}, '')).toThrow(/host/);
  });

  it('hands invocations to the runtime one at a time, first in first out', async () => {
    const { api, runtime } = await serve();
    const first = api.invoke(Buffer.from('{"n":1}'));
    const second = api.invoke(Buffer.from('{"n":2}'));
    const event1 = await runtime.next();
    expect(event1.body.toString()).toBe('{"n":1}');
    // The runtime must answer before it asks again.
    expect((await runtime.next()).status).toBe(403);
    expect((await runtime.respond(requestIdOf(event1), 'one')).status).toBe(202);
    const event2 = await runtime.next();
    expect(event2.body.toString()).toBe('{"n":2}');
    expect((await runtime.respond(requestIdOf(event2), 'two')).status).toBe(202);
    expect(await first).toMatchObject({ kind: 'success', requestId: requestIdOf(event1), payload: Buffer.from('one') });
    expect(await second).toMatchObject({ kind: 'success', requestId: requestIdOf(event2), payload: Buffer.from('two') });
  });

  it('measures Duration from hand-over to answer, and Init Duration once per environment', async () => {
    let clock = 1_000_000;
    const { api, runtime } = await serve({}, { now: () => clock, memoryUsedMb: async () => 63.2 });
    api.environmentStarted();
    clock += 150.123;
    const firstPoll = runtime.next();
    await pause(); // let the poll reach the server before the clock moves
    const cold = api.invoke(Buffer.from('{}'));
    const event = await firstPoll;
    clock += 12.344;
    await runtime.respond(requestIdOf(event), '{}');
    const { report } = await cold;
    expect(report).toEqual({ requestId: requestIdOf(event), durationMs: 12.34, billedDurationMs: 163, memorySizeMb: 1024, maxMemoryUsedMb: 64, initDurationMs: 150.12 });
    expect(formatReportLine(report)).toBe(`REPORT RequestId: ${requestIdOf(event)}\tDuration: 12.34 ms\tBilled Duration: 163 ms\tMemory Size: 1024 MB\tMax Memory Used: 64 MB\tInit Duration: 150.12 ms`);

    const warm = api.invoke(Buffer.from('{}'));
    const event2 = await runtime.next();
    clock += 2.05;
    await runtime.respond(requestIdOf(event2), '{}');
    expect((await warm).report).toMatchObject({ durationMs: 2.05, billedDurationMs: 3, initDurationMs: null });
  });

  it('reports Max Memory Used as unknown when reading it fails', async () => {
    const { api, runtime } = await serve({}, { memoryUsedMb: async () => Promise.reject(new Error('no stats')) });
    const outcome = api.invoke(Buffer.from('{}'));
    const event = await runtime.next();
    await runtime.respond(requestIdOf(event), '{}');
    expect((await outcome).report.maxMemoryUsedMb).toBeNull();
  });

  it('takes the error type from the header, else the body, else Unhandled', async () => {
    const { api, runtime } = await serve();
    const cases: Array<[string, string | undefined, string]> = [
      ['{"errorMessage":"x","errorType":"ValueError"}', 'Function.Unhandled', 'Function.Unhandled'],
      ['{"errorMessage":"x","errorType":"ValueError"}', undefined, 'ValueError'],
      ['not json', undefined, 'Unhandled'],
    ];
    for (const [body, header, expected] of cases) {
      const outcome = api.invoke(Buffer.from('{}'));
      const event = await runtime.next();
      expect((await runtime.error(requestIdOf(event), body, header)).status).toBe(202);
      expect(await outcome).toMatchObject({ kind: 'function-error', errorType: expected, payload: Buffer.from(body) });
    }
    expect(api.needsReset).toBe(false);
  });

  it('drops an aborted invocation that is still queued: the runtime never sees it', async () => {
    const { api, runtime } = await serve();
    const controller = new AbortController();
    const dropped = settled(api.invoke(Buffer.from('"dropped"'), { signal: controller.signal }));
    const kept = api.invoke(Buffer.from('"kept"'));
    controller.abort();
    expect((await dropped).error).toMatchObject({ name: 'AbortError' });
    const event = await runtime.next();
    expect(event.body.toString()).toBe('"kept"');
    await runtime.respond(requestIdOf(event), 'ok');
    expect((await kept).kind).toBe('success');
  });

  it('rejects an aborted running invocation at once and discards what the runtime answers later', async () => {
    const { api, runtime } = await serve();
    const controller = new AbortController();
    const aborted = settled(api.invoke(Buffer.from('"slow"'), { signal: controller.signal }));
    const event = await runtime.next();
    controller.abort();
    expect((await aborted).error).toMatchObject({ name: 'AbortError' });
    expect((await runtime.respond(requestIdOf(event), 'late')).status).toBe(202);
    const next = api.invoke(Buffer.from('"next"'));
    const event2 = await runtime.next();
    await runtime.respond(requestIdOf(event2), 'fine');
    expect(await next).toMatchObject({ kind: 'success', payload: Buffer.from('fine') });
    await expect(api.invoke(Buffer.from('{}'), { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('refuses a payload over 6 MB before any runtime sees it', async () => {
    const { api, runtime } = await serve();
    const error = (await settled(api.invoke(Buffer.alloc(6 * 1024 * 1024 + 1)))).error as SkyliftError;
    expect(error).toBeInstanceOf(SkyliftError);
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toContain('6,291,457 bytes');
    expect(error.message).toContain('6,291,456');
    expect(error.hint).toBeTruthy();
    const exactlySixMiB = api.invoke(Buffer.alloc(6 * 1024 * 1024));
    const event = await runtime.next();
    expect(event.body.length).toBe(6 * 1024 * 1024);
    await runtime.respond(requestIdOf(event), 'ok');
    expect((await exactlySixMiB).kind).toBe('success');
  });

  it('takes a response of exactly 6 MiB + 100 bytes, as AWS\'s emulator does, and turns one byte more into Function.ResponseSizeTooLarge', async () => {
    const limit = 6 * 1024 * 1024 + 100;
    const { api, runtime } = await serve();
    const atLimit = api.invoke(Buffer.from('{}'));
    const first = await runtime.next();
    expect((await runtime.respond(requestIdOf(first), Buffer.alloc(limit, 'a'))).status).toBe(202);
    const fine = await atLimit;
    expect(fine.kind).toBe('success');
    expect(fine.payload.length).toBe(limit);

    const outcome = api.invoke(Buffer.from('{}'));
    const event = await runtime.next();
    const answer = await runtime.respond(requestIdOf(event), Buffer.alloc(limit + 1, 'a'));
    expect(answer.status).toBe(413);
    expect(json(answer.body)).toEqual({ errorMessage: 'Exceeded maximum allowed payload size (6291556 bytes).', errorType: 'RequestEntityTooLarge' });
    const result = (await outcome) as Extract<InvocationOutcome, { kind: 'function-error' }>;
    expect(result.kind).toBe('function-error');
    expect(result.errorType).toBe('Function.ResponseSizeTooLarge');
    expect(json(result.payload)).toEqual({
      errorMessage: 'Response payload size (6291557 bytes) exceeded maximum allowed payload size (6291556 bytes).',
      errorType: 'Function.ResponseSizeTooLarge',
    });
  });

  it('refuses a payload that is not UTF-8 before any runtime sees it, as Lambda\'s Invoke does', async () => {
    const { api, runtime } = await serve();
    const bad = Buffer.concat([Buffer.from('{"text":"caf'), Buffer.from([0x97]), Buffer.from('"}')]);
    const error = (await settled(api.invoke(bad))).error as SkyliftError;
    expect(error).toBeInstanceOf(SkyliftError);
    expect(error.code).toBe('INVALID_REQUEST_CONTENT');
    expect(error.message).toContain('Could not parse payload into json: Invalid UTF-8 start byte 0x97 (at byte 12)');
    expect(error.details).toMatchObject({ errorType: 'InvalidRequestContentException', offset: 12 });
    const good = api.invoke(Buffer.from('{"text":"café ✓ 🚀"}'));
    const event = await runtime.next();
    expect(event.body.toString('utf8')).toBe('{"text":"café ✓ 🚀"}');
    await runtime.respond(requestIdOf(event), 'ok');
    expect((await good).kind).toBe('success');
  });

  it('times out at the deadline, wants a reset, and runs the queue again in the next environment', async () => {
    const { api, runtime, address } = await serve({ timeoutSeconds: 0.3 });
    api.environmentStarted();
    const slow = api.invoke(Buffer.from('"slow"'));
    const queued = api.invoke(Buffer.from('"queued"'));
    const event = await runtime.next();
    const outcome = await slow;
    expect(outcome.kind).toBe('timeout');
    expect(outcome.report.durationMs).toBeGreaterThanOrEqual(300);
    expect(json(outcome.payload)).toEqual({
      errorMessage: expect.stringMatching(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z ${requestIdOf(event)} Task timed out after 0\\.3\\d seconds$`)),
      errorType: 'Sandbox.Timedout',
    });
    expect(api.needsReset).toBe(true);
    expect((await runtime.respond(requestIdOf(event), 'too late')).status).toBe(400);

    // The recycled container's runtime may poll before the caller marks the start; it still gets the queue.
    const freshRuntime = runtimeAt(address);
    const poll = freshRuntime.next();
    await pause();
    api.environmentStarted();
    expect(api.needsReset).toBe(false);
    const event2 = await poll;
    expect(event2.body.toString()).toBe('"queued"');
    await freshRuntime.respond(requestIdOf(event2), 'ok');
    expect(await queued).toMatchObject({ kind: 'success', payload: Buffer.from('ok') });
  });

  it('counts an answer that arrives after the deadline as a timeout', async () => {
    let clock = 5_000;
    const { api, runtime } = await serve({ timeoutSeconds: 30 }, { now: () => clock });
    const outcome = api.invoke(Buffer.from('{}'));
    const event = await runtime.next();
    clock += 30_001;
    expect((await runtime.respond(requestIdOf(event), 'late')).status).toBe(400);
    expect((await outcome).kind).toBe('timeout');
    expect(api.needsReset).toBe(true);
  });

  it('reports the full timeout when the timer fires before the clock reaches the deadline', async () => {
    // Node's timers count from a cached millisecond clock and may fire a little early.
    const clock = 5_000;
    const { api, runtime } = await serve({ timeoutSeconds: 0.1 }, { now: () => clock });
    const outcome = api.invoke(Buffer.from('{}'));
    await runtime.next();
    const result = await outcome;
    expect(result.kind).toBe('timeout');
    expect(result.report.durationMs).toBe(100);
    expect(json(result.payload)).toMatchObject({ errorMessage: expect.stringMatching(/Task timed out after 0\.10 seconds$/) });
  });

  it('takes a runtime that reports Sandbox.Timedout itself at its word', async () => {
    const { api, runtime } = await serve();
    const outcome = api.invoke(Buffer.from('{}'));
    const event = await runtime.next();
    const body = '{"errorMessage":"Task timed out after 30.00 seconds","errorType":"Sandbox.Timedout","stackTrace":[]}';
    expect((await runtime.error(requestIdOf(event), body, 'Sandbox.Timedout')).status).toBe(202);
    const result = await outcome;
    expect(result.kind).toBe('timeout');
    expect(json(result.payload)).toMatchObject({ errorType: 'Sandbox.Timedout', errorMessage: expect.stringContaining(`${requestIdOf(event)} Task timed out after`) });
    expect(api.needsReset).toBe(true);
  });

  it('serves an init error to every invocation until the environment is recycled', async () => {
    let clock = 0;
    const { api, runtime } = await serve({}, { now: () => clock });
    api.environmentStarted();
    const queued = [api.invoke(Buffer.from('1')), api.invoke(Buffer.from('2'))];
    clock += 420.5;
    const body = '{"errorMessage":"no weights","errorType":"FileNotFoundError","stackTrace":[]}';
    expect((await runtime.initError(body, 'Runtime.InitError')).status).toBe(202);
    const [first, second] = await Promise.all(queued);
    expect(first).toMatchObject({ kind: 'init-error', errorType: 'Runtime.InitError', payload: Buffer.from(body) });
    expect(first.report).toMatchObject({ initDurationMs: 420.5, billedDurationMs: 421 });
    expect(second).toMatchObject({ kind: 'init-error', report: { initDurationMs: null } });
    expect(api.needsReset).toBe(true);
    expect(await api.invoke(Buffer.from('3'))).toMatchObject({ kind: 'init-error', errorType: 'Runtime.InitError' });
  });

  it('refuses an init error once init is over', async () => {
    const { api, runtime } = await serve();
    api.environmentStarted();
    const poll = runtime.next();
    await pause();
    const refused = await runtime.initError('{"errorMessage":"late","errorType":"X"}');
    expect(refused.status).toBe(403);
    expect(json(refused.body)).toMatchObject({ errorType: 'InvalidStateTransition' });
    expect(api.needsReset).toBe(false);
    const outcome = api.invoke(Buffer.from('{}'));
    await runtime.respond(requestIdOf(await poll), 'ok');
    expect((await outcome).kind).toBe('success');
  });

  it("tells the replaced container's runtime to exit and fails its running invocation", async () => {
    const { api, runtime } = await serve();
    api.environmentStarted();
    const running = settled(api.invoke(Buffer.from('{}')));
    const event = await runtime.next();
    api.environmentStarted();
    expect((await running).error).toMatchObject({ code: 'LAMBDA_ENVIRONMENT_RESTARTED' });
    expect((await runtime.respond(requestIdOf(event), 'gone')).status).toBe(400);
    const idlePoll = runtime.next();
    await pause();
    api.environmentStarted();
    expect((await idlePoll).status).toBe(500);
  });

  it("keeps a recycled container's runtime that polls before environmentStarted() is called", async () => {
    const { api, address } = await serve();
    api.environmentStarted();
    // Like the adapter: one kept-alive connection for the life of the runtime.
    const oldConnection = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const oldRuntime = runtimeAt(address, oldConnection);
    const first = api.invoke(Buffer.from('"first"'));
    await oldRuntime.respond(requestIdOf(await oldRuntime.next()), 'old');
    expect((await first).report.initDurationMs).not.toBeNull();
    const idle = settled(oldRuntime.next());
    await pause();
    oldConnection.destroy(); // the container is stopped
    expect((await idle).error).toBeDefined();

    const newConnection = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const newRuntime = runtimeAt(address, newConnection);
      const poll = newRuntime.next();
      await pause();
      api.environmentStarted(); // called late, after the new container is up
      const outcome = api.invoke(Buffer.from('"after recycle"'));
      const event = await poll;
      expect(event.body.toString()).toBe('"after recycle"');
      await newRuntime.respond(requestIdOf(event), 'new');
      // Its init began before the start mark, so how long it took is unknown.
      expect(await outcome).toMatchObject({ kind: 'success', payload: Buffer.from('new'), report: { initDurationMs: null } });
    } finally {
      newConnection.destroy();
    }
  });

  it('rejects what is pending on close and ends the long poll with 500', async () => {
    const { api, runtime } = await serve();
    const poll = runtime.next();
    await pause();
    await api.close();
    const closedPoll = await poll;
    expect(closedPoll.status).toBe(500);
    expect(json(closedPoll.body)).toMatchObject({ errorType: 'ContainerError' });
    await expect(api.invoke(Buffer.from('{}'))).rejects.toMatchObject({ code: 'LAMBDA_RUNTIME_API_CLOSED' });

    const { api: other, runtime: otherRuntime } = await serve();
    const pending = settled(other.invoke(Buffer.from('{}')));
    const queued = settled(other.invoke(Buffer.from('{}')));
    await otherRuntime.next();
    await other.close();
    expect((await pending).error).toMatchObject({ code: 'LAMBDA_RUNTIME_API_CLOSED' });
    expect((await queued).error).toMatchObject({ code: 'LAMBDA_RUNTIME_API_CLOSED' });
  });

  it('ends a queued invocation at once with Runtime.ExitError when the runtime exits before its first GET /next', async () => {
    let clock = 1_000;
    const { api } = await serve({}, { now: () => clock });
    api.environmentStarted();
    const queued = [api.invoke(Buffer.from('1')), api.invoke(Buffer.from('2'))];
    clock += 250;
    api.environmentExited({ exitCode: 1, oomKilled: false });
    const [first, second] = await Promise.all(queued);
    expect(first).toMatchObject({ kind: 'init-error', errorType: 'Runtime.ExitError', report: { initDurationMs: 250, status: 'error', errorType: 'Runtime.ExitError' } });
    expect(json(first.payload)).toEqual({ errorMessage: `RequestId: ${first.requestId} Error: Runtime exited with error: exit status 1`, errorType: 'Runtime.ExitError' });
    expect(json(second.payload)).toEqual({ errorMessage: `RequestId: ${second.requestId} Error: Runtime exited with error: exit status 1`, errorType: 'Runtime.ExitError' });
    expect(formatReportLine(first.report)).toMatch(/\tInit Duration: 250\.00 ms\tStatus: error\tError Type: Runtime\.ExitError$/);
    expect(api.needsReset).toBe(true);
    // Until the environment is recycled, every invoke gets the same answer, with its own request ID.
    const later = await api.invoke(Buffer.from('3'));
    expect(json(later.payload)).toMatchObject({ errorMessage: `RequestId: ${later.requestId} Error: Runtime exited with error: exit status 1` });
  });

  it('ends the running and the queued invocations at once with Runtime.ExitError when the runtime exits mid-invoke', async () => {
    const { api, runtime } = await serve({ timeoutSeconds: 30 });
    api.environmentStarted();
    const running = api.invoke(Buffer.from('"crash"'));
    const queued = api.invoke(Buffer.from('"next"'));
    const event = await runtime.next();
    api.environmentExited({ exitCode: 139, oomKilled: false });
    const outcome = await running;
    expect(outcome).toMatchObject({ kind: 'function-error', errorType: 'Runtime.ExitError', requestId: requestIdOf(event) });
    expect(json(outcome.payload)).toEqual({ errorMessage: `RequestId: ${requestIdOf(event)} Error: Runtime exited with error: signal: segmentation fault`, errorType: 'Runtime.ExitError' });
    expect(outcome.report.durationMs).toBeLessThan(30_000);
    expect(formatReportLine(outcome.report)).toMatch(/\tStatus: error\tError Type: Runtime\.ExitError$/);
    expect(await queued).toMatchObject({ kind: 'function-error', errorType: 'Runtime.ExitError' });
    expect(api.needsReset).toBe(true);
    expect((await runtime.respond(requestIdOf(event), 'ghost')).status).toBe(400);
  });

  it('says Runtime.OutOfMemory when the memory limit killed the runtime, and "without providing a reason" for exit 0', async () => {
    const { api, runtime } = await serve();
    api.environmentStarted();
    const running = api.invoke(Buffer.from('{}'));
    await runtime.next();
    api.environmentExited({ exitCode: 137, oomKilled: true });
    const oom = await running;
    expect(json(oom.payload)).toMatchObject({ errorType: 'Runtime.OutOfMemory', errorMessage: expect.stringMatching(/Error: Runtime exited with error: signal: killed$/) });

    api.environmentStarted();
    const pending = api.invoke(Buffer.from('{}'));
    api.environmentExited({ exitCode: 0, oomKilled: false });
    expect(json((await pending).payload)).toMatchObject({ errorType: 'Runtime.ExitError', errorMessage: expect.stringMatching(/Error: Runtime exited without providing a reason$/) });
  });

  it('ignores the exit of a runtime that already reported its init error or timed out', async () => {
    const { api, runtime } = await serve();
    api.environmentStarted();
    const outcome = api.invoke(Buffer.from('{}'));
    await runtime.initError('{"errorMessage":"no weights","errorType":"FileNotFoundError"}', 'Runtime.InitError');
    api.environmentExited({ exitCode: 1, oomKilled: false });
    expect(await outcome).toMatchObject({ kind: 'init-error', errorType: 'Runtime.InitError' });
    expect(await api.invoke(Buffer.from('{}'))).toMatchObject({ kind: 'init-error', errorType: 'Runtime.InitError' });
  });

  it('bounds init: past its deadline it asks for a recycle, and the retry is bounded by the function timeout', async () => {
    let recycles = 0;
    const { api, runtime } = await serve({ timeoutSeconds: 0.3 }, { initTimeoutMs: 100, onInitTimeout: () => recycles++ });
    api.environmentStarted();
    const waiting = api.invoke(Buffer.from('"cold"'));
    await pause(200);
    expect(recycles).toBe(1);
    expect(api.needsReset).toBe(true);
    api.environmentStarted(); // the retry: the queued invocation still waits for it
    const started = Date.now();
    const outcome = await waiting;
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(recycles).toBe(1); // a retry that misses its deadline is not retried again
    expect(outcome).toMatchObject({ kind: 'timeout', report: { status: 'timeout' } });
    expect(json(outcome.payload)).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${outcome.requestId} Error: Task timed out after 0.30 seconds: init did not finish within the 0.1 s init phase, nor when retried at this invoke within the function's 0.3 s timeout`,
    });
    expect(api.needsReset).toBe(true);

    // The next environment gets the short init deadline again, and a runtime that is ready in time serves.
    api.environmentStarted();
    const served = api.invoke(Buffer.from('"warm"'));
    const event = await runtime.next();
    await runtime.respond(requestIdOf(event), 'ok');
    expect(await served).toMatchObject({ kind: 'success' });
    await pause(150);
    expect(recycles).toBe(1);
  });

  it('serves the queued invocation when the retried init finishes within the function timeout', async () => {
    const { api, runtime } = await serve({ timeoutSeconds: 5 }, { initTimeoutMs: 50, onInitTimeout: () => api.environmentStarted() });
    api.environmentStarted();
    const waiting = api.invoke(Buffer.from('"slow init"'));
    await pause(150); // past the 50 ms init deadline: the retry runs
    const event = await runtime.next();
    expect(event.body.toString()).toBe('"slow init"');
    await runtime.respond(requestIdOf(event), 'ok');
    const outcome = await waiting;
    expect(outcome).toMatchObject({ kind: 'success' });
    expect(outcome.report.initDurationMs).toBeGreaterThan(50);
  });
});
