import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SkyliftError } from '../../shared/errors';
import type { LambdaVariantSession } from '../../main/core/run/lambda-session';
import { buildProbeImage, probeSession, type ProbeSession } from '../helpers/lambda-probe';

const event = (value: unknown) => Buffer.from(JSON.stringify(value));
const bodyOf = (invocation: { body: Buffer }) => JSON.parse(invocation.body.toString('utf8')) as Record<string, unknown>;

/**
 * What AWS's runtime interface clients read before they serve: the Node.js client
 * (aws-lambda-ric 4.x, createRuntime and ContextBuilder.validateEnvironment) refuses to start
 * without these; awslambdaric (Python) reads the Runtime API address and the task root.
 */
const RIC_START_UP = ['AWS_LAMBDA_RUNTIME_API', '_HANDLER', 'LAMBDA_TASK_ROOT', 'AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_LOG_GROUP_NAME', 'AWS_LAMBDA_LOG_STREAM_NAME'];

/** A Lambda execution environment on the real engine, with a bare custom runtime in the container. */
describe('Lambda session (real engine, probe runtime)', () => {
  const open: LambdaVariantSession[] = [];
  beforeAll(() => buildProbeImage(), 120_000);
  afterEach(async () => {
    await Promise.all(open.splice(0).map((session) => session.stop()));
  });

  async function start(options: Parameters<typeof probeSession>[0] = {}): Promise<ProbeSession> {
    const probe = await probeSession(options);
    open.push(probe.session);
    return probe;
  }

  it('gives the runtime every variable Lambda defines, so a runtime AWS wrote starts unchanged', async () => {
    const { session } = await start({ settings: { functionName: 'iris-probe', memoryMb: 512 } });
    const answer = await session.invoke(event({ env: true }));
    expect(answer.ok).toBe(true);
    const env = bodyOf(answer) as Record<string, string>;
    for (const name of RIC_START_UP) expect(env[name], name).toBeTruthy();
    expect(env).toMatchObject({
      _HANDLER: 'probe.handler', // the image's CMD
      AWS_EXECUTION_ENV: 'AWS_Lambda_Image',
      AWS_LAMBDA_FUNCTION_NAME: 'iris-probe',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/iris-probe',
      AWS_LAMBDA_LOG_STREAM_NAME: expect.stringMatching(/^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/),
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      TZ: ':UTC',
      LAMBDA_TASK_ROOT: '/var/task', // the image's WORKDIR, where its code is
      LAMBDA_RUNTIME_DIR: '/var/runtime',
      LANG: 'en_US.UTF-8',
      LD_LIBRARY_PATH: expect.stringContaining('/var/task'),
      PATH: expect.stringContaining('/usr/bin'),
    });
    expect(env).not.toHaveProperty('AWS_ACCESS_KEY_ID');
  }, 60_000);

  it('answers Runtime.ExitError at once when the runtime exits before its first GET /next', async () => {
    const { session } = await start({ env: { PROBE_INIT: 'exit' }, settings: { timeoutSeconds: 60 } });
    const started = Date.now();
    const answer = await session.invoke(event({ a: 1 }));
    expect(Date.now() - started).toBeLessThan(30_000); // no hang: well inside the 60 s timeout
    expect(answer).toMatchObject({ ok: false, status: 'init-error', functionError: 'Runtime.ExitError' });
    expect(bodyOf(answer)).toEqual({ errorType: 'Runtime.ExitError', errorMessage: expect.stringMatching(/^RequestId: [0-9a-f-]{36} Error: Runtime exited with error: exit status 1$/) });
    expect(answer.report).toMatch(/\tStatus: error\tError Type: Runtime\.ExitError$/);
  }, 60_000);

  it('answers Runtime.ExitError at once when the runtime exits mid-invoke, and the next invoke gets a fresh environment', async () => {
    const { session } = await start({ settings: { timeoutSeconds: 60 } });
    const started = Date.now();
    const crashed = await session.invoke(event({ exit: 3 }));
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(crashed).toMatchObject({ ok: false, status: 'Unhandled', functionError: 'Runtime.ExitError' });
    expect(bodyOf(crashed).errorMessage).toMatch(/Error: Runtime exited with error: exit status 3$/);
    expect(crashed.report).toMatch(/\tStatus: error\tError Type: Runtime\.ExitError$/);
    const again = await session.invoke(event({ after: 'crash' }));
    expect(bodyOf(again)).toEqual({ echo: { after: 'crash' } });
    expect(again.report).toMatch(/Init Duration/);
  }, 60_000);

  it('retries a late init within the function timeout, and says which deadlines passed when that fails too', async () => {
    const slow = await start({ env: { PROBE_INIT: 'sleep:2' }, initTimeoutMs: 1000, settings: { timeoutSeconds: 8 } });
    expect(bodyOf(await slow.session.invoke(event({ slow: true })))).toEqual({ echo: { slow: true } });

    const hung = await start({ env: { PROBE_INIT: 'hang' }, initTimeoutMs: 1000, settings: { timeoutSeconds: 2 } });
    const started = Date.now();
    const answer = await hung.session.invoke(event({}));
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(answer).toMatchObject({ ok: false, status: 'timeout' });
    expect(bodyOf(answer)).toMatchObject({ errorType: 'Sandbox.Timedout', errorMessage: expect.stringContaining('init did not finish within the 1 s init phase, nor when retried at this invoke within the function\'s 2 s timeout') });
    expect(answer.report).toMatch(/\tStatus: timeout$/);
  }, 60_000);

  it('throws a late environment away with SIGKILL, so a runtime that reports an init error on SIGTERM cannot pass for the retried init', async () => {
    const hung = await start({ env: { PROBE_INIT: 'hang-term' }, initTimeoutMs: 1000, settings: { timeoutSeconds: 2 } });
    const answer = await hung.session.invoke(event({}));
    expect(answer).toMatchObject({ ok: false, status: 'timeout' });
    expect(bodyOf(answer)).toMatchObject({ errorType: 'Sandbox.Timedout', errorMessage: expect.stringContaining('init did not finish within the 1 s init phase') });
  }, 60_000);

  it("keeps the runtime's whole output when the session stops right after a flood of lines", async () => {
    const { session, logs } = await start();
    await session.invoke(event({ print_lines: 60_000 }));
    await session.stop();
    expect(logs).toContain('probe line 59999');
    expect(logs.filter((line) => line.startsWith('probe line ')).length).toBe(60_000);
  }, 90_000);

  it("reads Max Memory Used from the container's cgroup peak, not the usage after the invocation", async () => {
    const { session } = await start({ measureMemory: true });
    const answer = await session.invoke(event({ allocate_mb: 80 }));
    expect(answer.ok).toBe(true);
    const used = Number(/Max Memory Used: (\d+) MB/.exec(answer.report ?? '')?.[1]);
    expect(used).toBeGreaterThanOrEqual(80);
    expect(used).toBeLessThan(512);
  }, 60_000);

  it('passes a response of exactly 6 MiB + 100 bytes and refuses one byte more, as AWS\'s emulator does', async () => {
    const { session } = await start();
    const limit = 6 * 1024 * 1024 + 100;
    const atLimit = await session.invoke(event({ bytes: limit }));
    expect(atLimit).toMatchObject({ ok: true, status: 200 });
    expect(atLimit.body.length).toBe(limit);
    const over = await session.invoke(event({ bytes: limit + 1 }));
    expect(over).toMatchObject({ ok: false, functionError: 'Function.ResponseSizeTooLarge' });
    expect(bodyOf(over).errorMessage).toBe(`Response payload size (${limit + 1} bytes) exceeded maximum allowed payload size (${limit} bytes).`);
  }, 60_000);

  it('refuses a payload that is not UTF-8 before the runtime sees it', async () => {
    const { session } = await start();
    const refused = await session.invoke(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d])).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SkyliftError);
    expect(refused).toMatchObject({ code: 'INVALID_REQUEST_CONTENT', message: expect.stringContaining('Invalid UTF-8 start byte 0xff') });
    expect(bodyOf(await session.invoke(event({ still: 'fine' })))).toEqual({ echo: { still: 'fine' } });
  }, 60_000);
});
