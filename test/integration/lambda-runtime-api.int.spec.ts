import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SkyliftError } from '../../shared/errors';
import { LambdaRuntimeApi, type InvocationOutcome, type LambdaFunctionSettings } from '../../main/core/run/lambda/runtime-api-server';
import { useTempDir } from '../helpers/temp';

/** AWS's published OpenAPI file for the Runtime API, kept verbatim next to the repository. */
const SPEC_FILE = path.resolve('../shared/fixtures/aws/lambda-runtime-api.yaml');

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  $ref?: string;
}
interface SpecResponse {
  headers?: Record<string, unknown>;
  content?: Record<string, { schema: Schema }>;
}
interface Spec {
  servers: Array<{ url: string }>;
  paths: Record<string, Record<string, { responses: Record<string, SpecResponse> }>>;
  components: { schemas: Record<string, Schema> };
}

const spec = parse(fs.readFileSync(SPEC_FILE, 'utf8')) as Spec;
const base = spec.servers[0].url;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A runtime that knows nothing but the spec: plain node:http on loopback, a new connection per request. */
function send(address: string, method: string, apiPath: string, body?: Buffer | string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`http://${address}${base}${apiPath}`, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const pause = (ms = 50) => new Promise((resolve) => setTimeout(resolve, ms));
/** An invocation the scenario never waits for; close() rejects it, which is expected. */
const background = (outcome: Promise<unknown>) => void outcome.catch(() => undefined);
const requestIdOf = (answer: Answer) => String(answer.headers['lambda-runtime-aws-request-id']);
const json = (buffer: Buffer): Record<string, unknown> => JSON.parse(buffer.toString('utf8')) as Record<string, unknown>;

function resolveSchema(schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const found = spec.components.schemas[name];
  if (!found) throw new Error(`The spec refers to a schema it does not define: ${schema.$ref}`);
  return resolveSchema(found);
}

/** Checks a value against the spec's (small) schema language; every declared property must be there. */
function conformanceProblems(value: unknown, schema: Schema, where = 'body'): string[] {
  const resolved = resolveSchema(schema);
  switch (resolved.type) {
    case undefined:
      return [];
    case 'string':
      return typeof value === 'string' ? [] : [`${where} should be a string`];
    case 'array':
      return Array.isArray(value) ? value.flatMap((item, i) => conformanceProblems(item, resolved.items ?? {}, `${where}[${i}]`)) : [`${where} should be an array`];
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${where} should be an object`];
      return Object.entries(resolved.properties ?? {}).flatMap(([key, property]) =>
        key in value ? conformanceProblems((value as Record<string, unknown>)[key], property, `${where}.${key}`) : [`${where}.${key} is missing`],
      );
    }
    default:
      return [`${where}: schema type ${resolved.type} is not understood by this test`];
  }
}

/** The answer has a status the spec lists for the operation, and a body of the shape it declares. */
function expectConforms(specPath: string, method: string, answer: Answer, status: number): void {
  const responses = spec.paths[specPath][method].responses;
  expect(answer.status, `${method.toUpperCase()} ${specPath}: ${answer.body.toString().slice(0, 200)}`).toBe(status);
  const declared = responses[String(status)];
  expect(declared, `the spec lists ${status} for ${method.toUpperCase()} ${specPath}`).toBeDefined();
  for (const [mediaType, { schema }] of Object.entries(declared.content ?? {})) {
    expect(String(answer.headers['content-type'])).toContain(mediaType);
    expect(conformanceProblems(json(answer.body), schema)).toEqual([]);
  }
}

const SETTINGS: LambdaFunctionSettings = { functionName: 'iris-classifier', memoryMb: 1024, timeoutSeconds: 30, region: 'eu-west-1', accountId: '123456789012' };

interface Context {
  api: LambdaRuntimeApi;
  address: string;
}

type Scenario = (ctx: Context) => Promise<Answer>;

/** Drives the server into the state where the spec's status for an operation is the right answer. */
const scenarios: Record<string, Record<string, Scenario | { unreachable: string }>> = {
  'get /runtime/invocation/next': {
    '200': async ({ api, address }) => {
      background(api.invoke(Buffer.from('{"x":[5.1,3.5,1.4,0.2]}'), { clientContext: '{"client":{"app_title":"t"}}', cognitoIdentity: '{"cognitoIdentityId":"id-1"}' }));
      const before = Date.now();
      const answer = await send(address, 'GET', '/runtime/invocation/next');
      const headers = spec.paths['/runtime/invocation/next'].get.responses['200'].headers ?? {};
      expect(Object.keys(headers).length).toBeGreaterThan(0);
      for (const name of Object.keys(headers)) expect(answer.headers[name.toLowerCase()], `header ${name}`).toEqual(expect.any(String));
      expect(requestIdOf(answer)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      const deadline = Number(answer.headers['lambda-runtime-deadline-ms']);
      expect(deadline).toBeGreaterThanOrEqual(before + 30_000);
      expect(deadline).toBeLessThanOrEqual(Date.now() + 30_001);
      expect(answer.headers['lambda-runtime-invoked-function-arn']).toBe('arn:aws:lambda:eu-west-1:123456789012:function:iris-classifier');
      expect(answer.headers['lambda-runtime-trace-id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/);
      expect(answer.headers['lambda-runtime-client-context']).toBe('{"client":{"app_title":"t"}}');
      expect(answer.headers['lambda-runtime-cognito-identity']).toBe('{"cognitoIdentityId":"id-1"}');
      expect(answer.body.toString()).toBe('{"x":[5.1,3.5,1.4,0.2]}');
      return answer;
    },
    '403': async ({ api, address }) => {
      background(api.invoke(Buffer.from('{}')));
      expect((await send(address, 'GET', '/runtime/invocation/next')).status).toBe(200);
      return send(address, 'GET', '/runtime/invocation/next'); // asking again without answering
    },
    '500': async ({ api, address }) => {
      const poll = send(address, 'GET', '/runtime/invocation/next');
      await pause();
      await api.close();
      return poll;
    },
  },
  'post /runtime/invocation/{AwsRequestId}/response': {
    '202': async ({ api, address }) => {
      const outcome = api.invoke(Buffer.from('{}'));
      const event = await send(address, 'GET', '/runtime/invocation/next');
      const answer = await send(address, 'POST', `/runtime/invocation/${requestIdOf(event)}/response`, Buffer.from([0, 1, 2, 255]), { 'content-type': 'application/octet-stream' });
      expect(await outcome).toMatchObject({ kind: 'success', payload: Buffer.from([0, 1, 2, 255]) });
      return answer;
    },
    '400': async ({ api, address }) => {
      background(api.invoke(Buffer.from('{}')));
      const event = await send(address, 'GET', '/runtime/invocation/next');
      expect((await send(address, 'POST', '/runtime/invocation/not-this-one/response', '{}')).status).toBe(400);
      expect((await send(address, 'POST', `/runtime/invocation/${requestIdOf(event)}/response`, '{}')).status).toBe(202);
      const again = await send(address, 'POST', `/runtime/invocation/${requestIdOf(event)}/response`, '{}');
      expect(json(again.body)).toEqual({ errorMessage: 'Invalid request ID', errorType: 'InvalidRequestID' });
      return again;
    },
    '403': async ({ address }) => send(address, 'POST', '/runtime/invocation/never-handed-out/response', '{}'),
    '413': async ({ api, address }) => {
      const outcome = api.invoke(Buffer.from('{}'));
      const event = await send(address, 'GET', '/runtime/invocation/next');
      // One byte over the response quota, 6 MiB + 100 bytes (AWS's emulator: interop.MaxPayloadSize).
      const answer = await send(address, 'POST', `/runtime/invocation/${requestIdOf(event)}/response`, Buffer.alloc(6 * 1024 * 1024 + 101, 'x'));
      expect(await outcome).toMatchObject({ kind: 'function-error', errorType: 'Function.ResponseSizeTooLarge' });
      return answer;
    },
    '500': { unreachable: 'A container error: Skylift has none to report while it can still take a POST.' },
  },
  'post /runtime/invocation/{AwsRequestId}/error': {
    '202': async ({ api, address }) => {
      const outcome = api.invoke(Buffer.from('{}'));
      const event = await send(address, 'GET', '/runtime/invocation/next');
      const body = '{"errorMessage":"bad input","errorType":"ValueError","stackTrace":[]}';
      const headers = { 'content-type': 'application/vnd.aws.lambda.error+json', 'Lambda-Runtime-Function-Error-Type': 'Function.Unhandled' };
      const answer = await send(address, 'POST', `/runtime/invocation/${requestIdOf(event)}/error`, body, headers);
      expect(await outcome).toMatchObject({ kind: 'function-error', errorType: 'Function.Unhandled', payload: Buffer.from(body) });
      return answer;
    },
    '400': async ({ api, address }) => {
      background(api.invoke(Buffer.from('{}')));
      await send(address, 'GET', '/runtime/invocation/next');
      return send(address, 'POST', '/runtime/invocation/not-this-one/error', '{"errorMessage":"x","errorType":"X"}');
    },
    '403': async ({ address }) => send(address, 'POST', '/runtime/invocation/never-handed-out/error', '{"errorMessage":"x","errorType":"X"}'),
    '500': { unreachable: 'A container error: Skylift has none to report while it can still take a POST.' },
  },
  'post /runtime/init/error': {
    '202': async ({ api, address }) => {
      api.environmentStarted();
      const outcome = api.invoke(Buffer.from('{}'));
      const body = '{"errorMessage":"No module named torch","errorType":"ModuleNotFoundError","stackTrace":[]}';
      const answer = await send(address, 'POST', '/runtime/init/error', body, { 'Lambda-Runtime-Function-Error-Type': 'Runtime.ImportModuleError' });
      expect(await outcome).toMatchObject({ kind: 'init-error', errorType: 'Runtime.ImportModuleError', payload: Buffer.from(body) });
      expect(api.needsReset).toBe(true);
      return answer;
    },
    '403': async ({ api, address }) => {
      background(api.invoke(Buffer.from('{}')));
      await send(address, 'GET', '/runtime/invocation/next');
      return send(address, 'POST', '/runtime/init/error', '{"errorMessage":"late","errorType":"X"}');
    },
    '500': { unreachable: 'A container error: Skylift has none to report while it can still take a POST.' },
  },
};

describe('Lambda Runtime API: conformance to the published spec', () => {
  const servers: LambdaRuntimeApi[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  async function serve(): Promise<Context> {
    const api = new LambdaRuntimeApi(SETTINGS, { host: '127.0.0.1', port: 0 });
    servers.push(api);
    const { address } = await api.start();
    return { api, address };
  }

  const specOperations = Object.entries(spec.paths).flatMap(([specPath, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ specPath, method, statuses: Object.keys(operation.responses) })),
  );

  it('has a scenario, or a reason why not, for every status of every operation in the spec, and nothing else', () => {
    const fromSpec = specOperations.flatMap(({ specPath, method, statuses }) => statuses.map((status) => `${method} ${specPath} ${status}`)).sort();
    const covered = Object.entries(scenarios).flatMap(([operation, byStatus]) => Object.keys(byStatus).map((status) => `${operation} ${status}`)).sort();
    expect(covered).toEqual(fromSpec);
  });

  it('serves every path in the spec with its method', async () => {
    for (const { specPath, method, statuses } of specOperations) {
      const { api, address: at } = await serve(); // a fresh environment each: an init error would end this one
      if (method === 'get') background(api.invoke(Buffer.from('{}'))); // so the long poll answers at once
      const answer = await send(at, method.toUpperCase(), specPath.replace('{AwsRequestId}', 'some-request-id'), method === 'post' ? '{}' : undefined);
      expect(statuses, `${method.toUpperCase()} ${specPath} answered ${answer.status}`).toContain(String(answer.status));
      const wrongMethod = await send(at, method === 'get' ? 'POST' : 'GET', specPath.replace('{AwsRequestId}', 'some-request-id'));
      expect(wrongMethod.status).toBe(405);
      expect(wrongMethod.headers.allow).toBe(method.toUpperCase());
    }
  });

  for (const [operation, byStatus] of Object.entries(scenarios)) {
    const [method, specPath] = operation.split(' ');
    for (const [status, scenario] of Object.entries(byStatus)) {
      if (typeof scenario !== 'function') continue;
      it(`${method.toUpperCase()} ${specPath} → ${status}`, async () => {
        const answer = await scenario(await serve());
        expectConforms(specPath, method, answer, Number(status));
      });
    }
  }

  it('answers 404 off the spec and 405 for a wrong method, with an error body', async () => {
    const { address: at } = await serve();
    for (const unknown of ['/runtime/invocation', '/runtime/extension/register', '/runtime/invocation/id/other']) {
      const answer = await send(at, 'GET', unknown);
      expect(answer.status).toBe(404);
      expect(json(answer.body)).toEqual({ errorMessage: expect.any(String), errorType: 'NotFound' });
    }
    expect((await send(at, 'DELETE', '/runtime/init/error')).status).toBe(405);
    const outside = await new Promise<number>((resolve, reject) => {
      http.get(`http://${at}/runtime/invocation/next`, { agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject);
    });
    expect(outside).toBe(404);
  });
});

describe('Lambda Runtime API with the real runtime adapter (python3 -m skylift_runtime)', () => {
  const tempDir = useTempDir('skylift-lambda-');
  const children: ChildProcess[] = [];
  let api: LambdaRuntimeApi | undefined;

  afterEach(async () => {
    await api?.close();
    api = undefined;
    await Promise.all(children.splice(0).map(stopChild));
  });

  const MODEL = `import os
import time


class M:
    def load(self):
        if os.environ.get("MODEL_FAIL_LOAD"):
            raise FileNotFoundError("weights/model.bin is missing")
        time.sleep(float(os.environ.get("MODEL_LOAD_SECONDS", "0")))

    def predict(self, payload):
        if payload.get("raise"):
            raise ValueError(payload["raise"])
        if payload.get("sleep"):
            time.sleep(payload["sleep"])
        if payload.get("bytes"):
            return "a" * payload["bytes"]
        return {"echo": payload}
`;

  async function serve(settings: Partial<LambdaFunctionSettings> = {}): Promise<{ api: LambdaRuntimeApi; address: string }> {
    api = new LambdaRuntimeApi({ functionName: 'iris', memoryMb: 512, timeoutSeconds: 10, ...settings }, { host: '127.0.0.1', port: 0 });
    const { address } = await api.start();
    return { api, address };
  }

  function startAdapter(address: string, env: Record<string, string> = {}): { child: ChildProcess; log: () => string; exited: Promise<number | null> } {
    const appDir = tempDir();
    fs.writeFileSync(path.join(appDir, 'model.py'), MODEL);
    const { FUNCTIONS_CUSTOMHANDLER_PORT: _unused, ...inherited } = process.env;
    const child = spawn('python3', ['-m', 'skylift_runtime'], {
      env: { ...inherited, AWS_LAMBDA_RUNTIME_API: address, PYTHONPATH: path.resolve('resources/runtime'), SKYLIFT_APP_DIR: appDir, SKYLIFT_MODEL: 'model:M', PYTHONUNBUFFERED: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return { child, log: () => output, exited };
  }

  const asJson = (outcome: InvocationOutcome) => json(outcome.payload);
  const event = (value: unknown) => Buffer.from(JSON.stringify(value));

  it('echoes through the adapter, with Init Duration on the first invocation only', async () => {
    const { api, address } = await serve();
    api.environmentStarted();
    startAdapter(address, { MODEL_LOAD_SECONDS: '0.2' });
    const first = await api.invoke(event({ x: [1, 2] }));
    const second = await api.invoke(event({ x: [3] }));
    expect(first).toMatchObject({ kind: 'success' });
    expect(asJson(first)).toEqual({ echo: { x: [1, 2] } });
    expect(asJson(second)).toEqual({ echo: { x: [3] } });
    expect(first.report.initDurationMs).toBeGreaterThanOrEqual(200);
    expect(first.report.billedDurationMs).toBe(Math.ceil(Number((first.report.durationMs + first.report.initDurationMs!).toFixed(2))));
    expect(second.report.initDurationMs).toBeNull();
    expect(second.report).toMatchObject({ memorySizeMb: 512, billedDurationMs: Math.max(1, Math.ceil(second.report.durationMs)) });
  });

  it('reports a predict that raises as a function error with its error type', async () => {
    const { api, address } = await serve();
    startAdapter(address);
    const outcome = await api.invoke(event({ raise: 'petal width must be positive' }));
    expect(outcome).toMatchObject({ kind: 'function-error', errorType: 'Function.Unhandled' });
    expect(asJson(outcome)).toMatchObject({ errorType: 'ValueError', errorMessage: 'petal width must be positive', stackTrace: expect.any(Array) });
    expect(api.needsReset).toBe(false);
    expect(asJson(await api.invoke(event({ after: 'error' })))).toEqual({ echo: { after: 'error' } });
  });

  it('reports a load that raises as an init error, and wants the container recycled', async () => {
    const { api, address } = await serve();
    api.environmentStarted();
    const pending = api.invoke(event({}));
    const adapter = startAdapter(address, { MODEL_FAIL_LOAD: '1' });
    const outcome = await pending;
    expect(outcome).toMatchObject({ kind: 'init-error', errorType: 'Runtime.InitError' });
    expect(asJson(outcome)).toMatchObject({ errorType: 'FileNotFoundError', errorMessage: 'weights/model.bin is missing' });
    expect(outcome.report.initDurationMs).toBeGreaterThan(0);
    expect(api.needsReset).toBe(true);
    expect(await adapter.exited).toBe(1);
  });

  it('times out a predict that outlives the function timeout, and runs again after a recycle', async () => {
    const { api, address } = await serve({ timeoutSeconds: 1 });
    api.environmentStarted();
    const adapter = startAdapter(address);
    const outcome = await api.invoke(event({ sleep: 5 }));
    expect(outcome.kind, adapter.log()).toBe('timeout');
    expect(asJson(outcome)).toEqual({ errorType: 'Sandbox.Timedout', errorMessage: expect.stringMatching(new RegExp(`Z ${outcome.requestId} Task timed out after 1\\.\\d\\d seconds$`)) });
    expect(outcome.report.durationMs).toBeGreaterThanOrEqual(1000);
    expect(outcome.report.durationMs).toBeLessThan(2000);
    expect(api.needsReset).toBe(true);
    expect(await adapter.exited).toBe(1); // the adapter leaves so the environment can be recycled

    api.environmentStarted();
    startAdapter(address);
    const again = await api.invoke(event({ fresh: true }));
    expect(asJson(again)).toEqual({ echo: { fresh: true } });
    expect(again.report.initDurationMs).not.toBeNull();
    expect(api.needsReset).toBe(false);
  });

  it('refuses an oversized payload before it reaches the runtime, and an oversized response after', async () => {
    const { api, address } = await serve();
    startAdapter(address);
    const refused = await api.invoke(Buffer.alloc(6 * 1024 * 1024 + 1, ' ')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SkyliftError);
    expect(refused).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('6,291,457 bytes') });

    // A JSON string of 6 MiB + 99 characters is 6 MiB + 101 bytes with its quotes: one over the quota.
    const tooBig = await api.invoke(event({ bytes: 6 * 1024 * 1024 + 99 }));
    expect(tooBig).toMatchObject({ kind: 'function-error', errorType: 'Function.ResponseSizeTooLarge' });
    // The adapter carries on: the first event it ever saw was the `bytes` one, and it answers the next.
    expect(asJson(await api.invoke(event({ small: 1 })))).toEqual({ echo: { small: 1 } });
  });
});

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
