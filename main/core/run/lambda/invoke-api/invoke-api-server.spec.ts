import { afterEach, describe, expect, it } from 'vitest';
import type { InvocationOutcome, InvokeOptions } from '../types';
import { InvokeApiServer } from './invoke-api-server';
import { MAX_QUEUED_EVENTS } from './event-queue';
import type { LambdaEnvironment } from './types';

const settings = { functionName: 'fn', memoryMb: 128, timeoutSeconds: 3 };
const PATH = '/2015-03-31/functions/fn/invocations';

/** An environment whose invocations finish when the test says so, and which can print lines. */
class ScriptedEnvironment implements LambdaEnvironment {
  readonly started: Array<{ payload: string; options: InvokeOptions; finish: (late?: string[]) => void }> = [];
  private readonly listeners = new Set<(line: string) => void>();

  invokeOutcome(payload: Buffer, options: InvokeOptions): Promise<InvocationOutcome> {
    return new Promise((resolve) => {
      const requestId = `req-${this.started.length}`;
      this.started.push({
        payload: payload.toString(),
        options,
        finish: (late = []) => {
          resolve({ kind: 'success', requestId, payload: Buffer.from('{"ok":true}'), report: { requestId, durationMs: 1, billedDurationMs: 1, memorySizeMb: 128, maxMemoryUsedMb: null, initDurationMs: null } });
          // Output the engine delivers just after the answer, as a container's log stream does.
          setTimeout(() => late.forEach((line) => this.emit(line)), 5);
        },
      });
    });
  }

  onLogLine(listener: (line: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(line: string): void {
    for (const listener of this.listeners) listener(line);
  }
}

describe('InvokeApiServer (scripted environment)', () => {
  const servers: InvokeApiServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  async function serve(environment: ScriptedEnvironment, log: string[] = []) {
    const server = new InvokeApiServer({ settings, environments: [environment], log: (line) => log.push(line) });
    servers.push(server);
    const endpoint = await server.start();
    const invoke = (body: string, headers: Record<string, string> = {}) => fetch(`${endpoint}${PATH}`, { method: 'POST', body, headers });
    return { server, invoke };
  }

  const until = async (condition: () => boolean) => {
    for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(condition()).toBe(true);
  };

  it('listens on loopback only', async () => {
    const { server } = await serve(new ScriptedEnvironment());
    expect(server.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("puts output that arrives just after the answer into the Tail, before END", async () => {
    const environment = new ScriptedEnvironment();
    const { invoke } = await serve(environment);
    const answer = invoke('{}', { 'x-amz-log-type': 'Tail' });
    await until(() => environment.started.length === 1);
    environment.emit('during');
    environment.started[0].finish(['just after']);
    const log = Buffer.from((await answer).headers.get('x-amz-log-result') ?? '', 'base64').toString();
    expect(log).toMatch(/^START RequestId: req-0 Version: \$LATEST\nduring\njust after\nEND RequestId: req-0\nREPORT RequestId: req-0\t/);
  });

  it('queues Event invocations behind a busy environment instead of throttling them, and runs them in order', async () => {
    const environment = new ScriptedEnvironment();
    const log: string[] = [];
    const { invoke } = await serve(environment, log);
    const sync = invoke('{"n":0}');
    await until(() => environment.started.length === 1);
    expect((await invoke('{"n":1}', { 'x-amz-invocation-type': 'Event' })).status).toBe(202);
    expect((await invoke('{"n":2}', { 'x-amz-invocation-type': 'Event' })).status).toBe(202);
    expect((await invoke('{"n":3}')).status).toBe(429); // the environment is busy and events hold the next turns
    environment.started[0].finish();
    expect((await sync).status).toBe(200);
    await until(() => environment.started.length === 2);
    environment.started[1].finish();
    await until(() => environment.started.length === 3);
    environment.started[2].finish();
    expect(environment.started.map((s) => s.payload)).toEqual(['{"n":0}', '{"n":1}', '{"n":2}']);
    await until(() => log.length === 2);
    expect(log[0]).toMatch(/^Invoke API: Event invocation req-1 succeeded\. REPORT RequestId: req-1\t/);
  });

  it(`refuses Event invocations past ${MAX_QUEUED_EVENTS} waiting, with 429, and keeps the ones it took`, async () => {
    const environment = new ScriptedEnvironment();
    const { invoke } = await serve(environment);
    const sync = invoke('{}');
    await until(() => environment.started.length === 1);
    for (let i = 0; i < MAX_QUEUED_EVENTS; i++) expect((await invoke('{}', { 'x-amz-invocation-type': 'Event' })).status).toBe(202);
    const full = await invoke('{}', { 'x-amz-invocation-type': 'Event' });
    expect(full.status).toBe(429);
    expect(await full.json()).toMatchObject({ Type: 'User', Reason: 'ConcurrentInvocationLimitExceeded' });
    environment.started[0].finish();
    await sync;
  });

  it('hands ClientContext to the environment decoded, and DryRun runs nothing', async () => {
    const environment = new ScriptedEnvironment();
    const { invoke } = await serve(environment);
    expect((await invoke('{}', { 'x-amz-invocation-type': 'DryRun' })).status).toBe(204);
    const answer = invoke('{}', { 'x-amz-client-context': Buffer.from('{"custom":{"k":"v"}}').toString('base64') });
    await until(() => environment.started.length === 1);
    expect(environment.started[0].options).toEqual({ clientContext: '{"custom":{"k":"v"}}' });
    environment.started[0].finish();
    expect((await answer).headers.get('x-amz-executed-version')).toBe('$LATEST');
  });
});
