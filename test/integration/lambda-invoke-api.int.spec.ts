import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { InvokeCommand, LambdaClient, type InvokeCommandOutput } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInvokeProbeImage, INVOKE_PROBE_FUNCTION, startInvokeApiProbe, type InvokeApiProbe } from '../helpers/invoke-api-probe';

const run = promisify(execFile);
const ARN = `arn:aws:lambda:us-east-1:000000000000:function:${INVOKE_PROBE_FUNCTION}`;
/** Dummy credentials: the local Invoke API checks none, as sam local's does not. */
const TEST_KEY = { accessKeyId: 'AKIAINVOKEAPITEST000', secretAccessKey: 'invoke-api-test-secret' };

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const payloadOf = (answer: InvokeCommandOutput) => JSON.parse(Buffer.from(answer.Payload ?? []).toString('utf8')) as Record<string, unknown>;
const REPORT = /^REPORT RequestId: ([0-9a-f-]{36})\tDuration: (\d+\.\d\d) ms\tBilled Duration: (\d+) ms\tMemory Size: 256 MB(?:\tMax Memory Used: \d+ MB)?(?:\tInit Duration: \d+\.\d\d ms)?\t?$/m;

/** What the real AWS SDK and the AWS CLI get from a local aws-lambda session's Invoke API. */
describe('local Invoke API (real engine, real @aws-sdk/client-lambda and aws CLI)', () => {
  let probe: InvokeApiProbe;
  let lambda: LambdaClient;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'skylift-invoke-api-'));

  beforeAll(async () => {
    buildInvokeProbeImage();
    probe = await startInvokeApiProbe();
    lambda = new LambdaClient({ endpoint: probe.api.endpoint, region: 'us-east-1', credentials: TEST_KEY, maxAttempts: 1 });
  }, 180_000);
  afterAll(async () => {
    lambda?.destroy();
    await probe?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('answers InvokeCommand with the function payload, 200 and $LATEST, by name, ARN and partial ARN', async () => {
    for (const FunctionName of [INVOKE_PROBE_FUNCTION, ARN, `000000000000:function:${INVOKE_PROBE_FUNCTION}`, `${INVOKE_PROBE_FUNCTION}:$LATEST`]) {
      const answer = await lambda.send(new InvokeCommand({ FunctionName, Payload: json({ x: [1, 2] }) }));
      expect(answer, FunctionName).toMatchObject({ StatusCode: 200, ExecutedVersion: '$LATEST' });
      expect(answer.FunctionError).toBeUndefined();
      expect(payloadOf(answer)).toEqual({ echo: { x: [1, 2] } });
    }
  }, 60_000);

  it('LogType Tail returns the invocation log with START, the function output, END and a parseable REPORT', async () => {
    const answer = await lambda.send(new InvokeCommand({ FunctionName: INVOKE_PROBE_FUNCTION, LogType: 'Tail', Payload: json({ log: ['first line from predict', 'second line'] }) }));
    const log = Buffer.from(answer.LogResult ?? '', 'base64').toString('utf8');
    const report = REPORT.exec(log);
    expect(report, log).not.toBeNull();
    const requestId = report![1];
    expect(answer.$metadata.requestId).toBe(requestId);
    expect(log).toContain(`START RequestId: ${requestId} Version: $LATEST\n`);
    expect(log.indexOf('first line from predict\nsecond line\n')).toBeGreaterThan(log.indexOf('START'));
    expect(log.indexOf(`END RequestId: ${requestId}\n`)).toBeGreaterThan(log.indexOf('second line'));
    expect(Number(report![3])).toBeGreaterThanOrEqual(Math.ceil(Number(report![2])));
  }, 60_000);

  it('keeps only the last 4 KB of a long log, as Lambda does', async () => {
    const lines = Array.from({ length: 200 }, (_, i) => `log line ${i} ${'x'.repeat(40)}`);
    const answer = await lambda.send(new InvokeCommand({ FunctionName: INVOKE_PROBE_FUNCTION, LogType: 'Tail', Payload: json({ log: lines }) }));
    const tail = Buffer.from(answer.LogResult ?? '', 'base64');
    expect(tail.length).toBe(4096);
    expect(tail.toString('utf8')).toMatch(REPORT);
    expect(tail.toString('utf8')).toContain('log line 199');
    expect(tail.toString('utf8')).not.toContain('START RequestId');
  }, 60_000);

  it('passes ClientContext to the runtime decoded, as Lambda does', async () => {
    const context = { custom: { caller: 'invoke-api-test' } };
    const answer = await lambda.send(new InvokeCommand({ FunctionName: INVOKE_PROBE_FUNCTION, ClientContext: Buffer.from(JSON.stringify(context)).toString('base64'), Payload: json({ context: true }) }));
    expect(JSON.parse(payloadOf(answer).clientContext as string)).toEqual(context);
  }, 60_000);

  it('reports a function error as 200 with X-Amz-Function-Error: Unhandled and the error payload', async () => {
    const answer = await lambda.send(new InvokeCommand({ FunctionName: INVOKE_PROBE_FUNCTION, Payload: json({ fail: 'the model refused' }) }));
    expect(answer).toMatchObject({ StatusCode: 200, FunctionError: 'Unhandled', ExecutedVersion: '$LATEST' });
    expect(payloadOf(answer)).toEqual({ errorMessage: 'the model refused', errorType: 'ProbeError' });
  }, 60_000);

  it('answers the errors Lambda answers: unknown function 404, 6 MB+ 413, non-JSON 400, unknown version 404', async () => {
    const failure = (input: ConstructorParameters<typeof InvokeCommand>[0]) => lambda.send(new InvokeCommand(input)).then(() => null, (error: Error & { $metadata: { httpStatusCode?: number } }) => error);
    const missing = await failure({ FunctionName: 'no-such-function', Payload: json({}) });
    expect(missing).toMatchObject({ name: 'ResourceNotFoundException', message: 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:no-such-function', Type: 'User' });
    expect(missing!.$metadata.httpStatusCode).toBe(404);
    const large = await failure({ FunctionName: INVOKE_PROBE_FUNCTION, Payload: json({ blob: 'a'.repeat(6 * 1024 * 1024) }) });
    expect(large).toMatchObject({ name: 'RequestTooLargeException', message: 'Request must be smaller than 6291456 bytes for the InvokeFunction operation' });
    expect(large!.$metadata.httpStatusCode).toBe(413);
    const notJson = await failure({ FunctionName: INVOKE_PROBE_FUNCTION, Payload: Buffer.from('e30') });
    expect(notJson).toMatchObject({ name: 'InvalidRequestContentException', message: expect.stringMatching(/^Could not parse request body into json: /) });
    const notUtf8 = await failure({ FunctionName: INVOKE_PROBE_FUNCTION, Payload: Buffer.from([0x22, 0x97, 0x22]) });
    expect(notUtf8).toMatchObject({ name: 'InvalidRequestContentException', message: expect.stringContaining('Invalid UTF-8 start byte 0x97') });
    const version = await failure({ FunctionName: INVOKE_PROBE_FUNCTION, Qualifier: '3', Payload: json({}) });
    expect(version).toMatchObject({ name: 'ResourceNotFoundException', message: `Function not found: ${ARN}:3` });
  }, 60_000);

  it('DryRun answers 204 without running the function; Event answers 202 and runs it', async () => {
    const dry = await lambda.send(new InvokeCommand({ FunctionName: INVOKE_PROBE_FUNCTION, InvocationType: 'DryRun', Payload: json({ log: ['dry run ran'] }) }));
    expect(dry.StatusCode).toBe(204);
    const event = await lambda.send(new InvokeCommand({ FunctionName: INVOKE_PROBE_FUNCTION, InvocationType: 'Event', Payload: json({ queued: true }) }));
    expect(event.StatusCode).toBe(202);
    await expect.poll(() => probe.runLog.join('\n'), { timeout: 20_000 }).toMatch(/Event invocation [0-9a-f-]{36} succeeded\. REPORT RequestId: /);
  }, 60_000);

  it('throttles a second synchronous invoke while the one environment is busy (429, reserved concurrency), then serves again', async () => {
    const slow = lambda.send(new InvokeCommand({ FunctionName: INVOKE_PROBE_FUNCTION, Payload: json({ sleep: 1.5 }) }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const busy = await lambda.send(new InvokeCommand({ FunctionName: INVOKE_PROBE_FUNCTION, Payload: json({}) })).then(() => null, (error: Error) => error);
    expect(busy).toMatchObject({ name: 'TooManyRequestsException', Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
    expect(payloadOf(await slow)).toEqual({ slept: 1.5 });
    expect(payloadOf(await lambda.send(new InvokeCommand({ FunctionName: INVOKE_PROBE_FUNCTION, Payload: json({ after: 'busy' }) })))).toEqual({ echo: { after: 'busy' } });
  }, 60_000);

  describe('the AWS CLI as an independent client', () => {
    const cliEnv = () => ({
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: work,
      AWS_ACCESS_KEY_ID: TEST_KEY.accessKeyId,
      AWS_SECRET_ACCESS_KEY: TEST_KEY.secretAccessKey,
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PAGER: '',
    });
    const invoke = (args: string[]) => run('/usr/bin/aws', ['lambda', 'invoke', '--endpoint-url', probe.api.endpoint, ...args], { env: cliEnv(), timeout: 60_000 });

    it('gets the same answer as the SDK for the same payload file', async () => {
      const event = path.join(work, 'event.json');
      const out = path.join(work, 'out.json');
      fs.writeFileSync(event, JSON.stringify({ from: 'cli', n: 3 }));
      const { stdout } = await invoke(['--function-name', INVOKE_PROBE_FUNCTION, '--payload', `fileb://${event}`, '--log-type', 'Tail', out]);
      const printed = JSON.parse(stdout) as { StatusCode: number; ExecutedVersion: string; LogResult: string };
      expect(printed).toMatchObject({ StatusCode: 200, ExecutedVersion: '$LATEST' });
      expect(Buffer.from(printed.LogResult, 'base64').toString('utf8')).toMatch(REPORT);
      const sdk = await lambda.send(new InvokeCommand({ FunctionName: INVOKE_PROBE_FUNCTION, Payload: fs.readFileSync(event) }));
      expect(fs.readFileSync(out, 'utf8')).toBe(Buffer.from(sdk.Payload ?? []).toString('utf8'));
      expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toEqual({ echo: { from: 'cli', n: 3 } });
    }, 90_000);

    it('reports a function error and an unknown function as the SDK does', async () => {
      const event = path.join(work, 'fail.json');
      const out = path.join(work, 'fail-out.json');
      fs.writeFileSync(event, JSON.stringify({ fail: 'cli error' }));
      const { stdout } = await invoke(['--function-name', ARN, '--payload', `fileb://${event}`, out]);
      expect(JSON.parse(stdout)).toMatchObject({ StatusCode: 200, FunctionError: 'Unhandled' });
      expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toEqual({ errorMessage: 'cli error', errorType: 'ProbeError' });
      const missing = await invoke(['--function-name', 'no-such-function', out]).then(() => null, (error: { code: number; stderr: string }) => error);
      expect(missing?.code).not.toBe(0);
      expect(missing?.stderr).toContain('(ResourceNotFoundException) when calling the Invoke operation: Function not found: arn:aws:lambda:us-east-1:000000000000:function:no-such-function');
    }, 90_000);
  });
});
