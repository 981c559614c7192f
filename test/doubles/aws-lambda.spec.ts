import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  ListAliasesCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
  waitUntilPublishedVersionActive,
} from '@aws-sdk/client-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { request } from '../helpers/http';
import { DOUBLES_TEST_KEY } from './aws-auth';
import { startLambdaDouble, type LambdaDouble, type LambdaDoubleOptions, type LambdaRunner } from './aws-lambda';

const ROLE = 'arn:aws:iam::111122223333:role/skylift-numpy';
const IMAGE = (n: number) => `111122223333.dkr.ecr.us-east-1.amazonaws.com/numpy@sha256:${String(n).repeat(64).slice(0, 64)}`;
const create = (extra: Record<string, unknown> = {}) =>
  new CreateFunctionCommand({ FunctionName: 'numpy-sample', Role: ROLE, PackageType: 'Image', Code: { ImageUri: IMAGE(1) }, MemorySize: 1024, Timeout: 30, EphemeralStorage: { Size: 1024 }, Environment: { Variables: { MODE: 'fast' } }, Architectures: ['x86_64'], ...extra });

/** Echoes the payload and writes the log lines Lambda's platform writes around an invocation. */
const echoRunner: LambdaRunner = (config, payload) =>
  Promise.resolve({
    payload,
    logTail: `START RequestId: r1 Version: ${config.Version}\nhello from ${config.FunctionName}\nEND RequestId: r1\nREPORT RequestId: r1\tDuration: 1.50 ms\tBilled Duration: 2 ms\tMemory Size: ${config.MemorySize} MB\tMax Memory Used: 40 MB\n`,
  });

describe('Lambda double, through the real @aws-sdk/client-lambda', () => {
  let lambda: LambdaDouble | undefined;
  afterEach(async () => lambda?.close());

  async function start(options: LambdaDoubleOptions = {}): Promise<LambdaClient> {
    lambda = await startLambdaDouble({ stateDelayMs: 300, updateDelayMs: 300, invoke: echoRunner, ...options });
    return new LambdaClient({ region: 'us-east-1', endpoint: lambda.url, credentials: DOUBLES_TEST_KEY, maxAttempts: 1 });
  }
  const waiter = (client: LambdaClient) => ({ client, maxWaitTime: 20, minDelay: 1, maxDelay: 1 });

  it('creates a function Pending, turns it Active, and the SDK waiters see each state', async () => {
    const client = await start();
    const created = await client.send(create());
    expect(created).toMatchObject({ FunctionName: 'numpy-sample', FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:numpy-sample', Version: '$LATEST', State: 'Pending', LastUpdateStatus: 'InProgress', MemorySize: 1024, Timeout: 30, PackageType: 'Image', Architectures: ['x86_64'], EphemeralStorage: { Size: 1024 }, Environment: { Variables: { MODE: 'fast' } }, CodeSha256: '1'.repeat(64) });
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect((await waitUntilFunctionActiveV2(waiter(client), { FunctionName: 'numpy-sample' })).state).toBe('SUCCESS');
    const got = await client.send(new GetFunctionCommand({ FunctionName: 'numpy-sample' }));
    expect(got.Configuration).toMatchObject({ State: 'Active', LastUpdateStatus: 'Successful' });
    expect(got.Code).toEqual({ RepositoryType: 'ECR', ImageUri: IMAGE(1), ResolvedImageUri: IMAGE(1) });
    // Named by ARN, the path carries encoded colons: the signature check must encode it as AWS does.
    const byArn = await client.send(new GetFunctionConfigurationCommand({ FunctionName: created.FunctionArn }));
    expect(byArn.FunctionName).toBe('numpy-sample');
    await expect(client.send(create())).rejects.toMatchObject({ name: 'ResourceConflictException', $metadata: { httpStatusCode: 409 } });
  });

  it('refuses an update while another is InProgress (409), then takes it once the first is Successful', async () => {
    const client = await start({ stateDelayMs: 0, updateDelayMs: 600 });
    await client.send(create());
    const first = await client.send(new UpdateFunctionCodeCommand({ FunctionName: 'numpy-sample', ImageUri: IMAGE(2) }));
    expect(first).toMatchObject({ LastUpdateStatus: 'InProgress', CodeSha256: '2'.repeat(64) });
    await expect(client.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'numpy-sample', MemorySize: 2048 }))).rejects.toMatchObject({
      name: 'ResourceConflictException',
      message: 'The operation cannot be performed at this time. An update is in progress for resource: arn:aws:lambda:us-east-1:123456789012:function:numpy-sample',
    });
    expect((await waitUntilFunctionUpdatedV2(waiter(client), { FunctionName: 'numpy-sample' })).state).toBe('SUCCESS');
    const second = await client.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'numpy-sample', MemorySize: 2048 }));
    expect(second).toMatchObject({ MemorySize: 2048, LastUpdateStatus: 'InProgress' });
  });

  it('publishes versions, moves an alias between them, and lists both', async () => {
    const client = await start({ stateDelayMs: 0, updateDelayMs: 0 });
    await client.send(create());
    const v1 = await client.send(new PublishVersionCommand({ FunctionName: 'numpy-sample', Description: 'first' }));
    expect(v1).toMatchObject({ Version: '1', FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:numpy-sample:1' });
    expect((await waitUntilPublishedVersionActive(waiter(client), { FunctionName: 'numpy-sample', Qualifier: '1' })).state).toBe('SUCCESS');
    expect((await client.send(new PublishVersionCommand({ FunctionName: 'numpy-sample' }))).Version).toBe('1'); // nothing changed
    const alias = await client.send(new CreateAliasCommand({ FunctionName: 'numpy-sample', Name: 'live', FunctionVersion: '1' }));
    expect(alias.AliasArn).toBe('arn:aws:lambda:us-east-1:123456789012:function:numpy-sample:live');
    await client.send(new UpdateFunctionCodeCommand({ FunctionName: 'numpy-sample', ImageUri: IMAGE(3) }));
    await expect(client.send(new PublishVersionCommand({ FunctionName: 'numpy-sample', CodeSha256: '1'.repeat(64) }))).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
    const v2 = await client.send(new PublishVersionCommand({ FunctionName: 'numpy-sample' }));
    expect(v2).toMatchObject({ Version: '2', CodeSha256: '3'.repeat(64) });
    await client.send(new UpdateAliasCommand({ FunctionName: 'numpy-sample', Name: 'live', FunctionVersion: '2' }));
    expect((await client.send(new GetAliasCommand({ FunctionName: 'numpy-sample', Name: 'live' }))).FunctionVersion).toBe('2');
    expect((await client.send(new GetFunctionConfigurationCommand({ FunctionName: 'numpy-sample', Qualifier: 'live' }))).CodeSha256).toBe('3'.repeat(64));
    expect((await client.send(new ListAliasesCommand({ FunctionName: 'numpy-sample' }))).Aliases?.map((a) => a.Name)).toEqual(['live']);
    expect((await client.send(new ListVersionsByFunctionCommand({ FunctionName: 'numpy-sample' }))).Versions?.map((v) => v.Version)).toEqual(['$LATEST', '1', '2']);
    await expect(client.send(new DeleteFunctionCommand({ FunctionName: 'numpy-sample', Qualifier: '2' }))).rejects.toMatchObject({ name: 'ResourceConflictException' });
    await client.send(new DeleteFunctionCommand({ FunctionName: 'numpy-sample' }));
    await expect(client.send(new GetFunctionCommand({ FunctionName: 'numpy-sample' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
  });

  it('validates each request against the model and answers ValidationException in Lambda\'s wording', async () => {
    const client = await start();
    await expect(client.send(create({ Role: undefined }))).rejects.toMatchObject({ name: 'ValidationException', message: "1 validation error detected: Value null at 'role' failed to satisfy constraint: Member must not be null", $metadata: { httpStatusCode: 400 } });
    await expect(client.send(create({ MemorySize: 64 }))).rejects.toMatchObject({ name: 'ValidationException', message: "1 validation error detected: Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128" });
    await expect(client.send(create({ Timeout: 0, Architectures: ['x86'] }))).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringMatching(/^2 validation errors detected: Value '0' at 'timeout' .*greater than or equal to 1; Value 'x86' at 'architectures.1.member' failed to satisfy constraint: Member must satisfy enum value set: \[x86_64, arm64\]$/) });
    await expect(client.send(create({ Environment: { Variables: { BIG: 'x'.repeat(4100) } } }))).rejects.toMatchObject({ name: 'InvalidParameterValueException', message: expect.stringContaining('exceeded the 4KB limit') });
    expect(lambda!.control.functions.size).toBe(0);
  });

  it('refuses a role IAM has not propagated yet, and an image index, as Lambda does', async () => {
    const made = Date.now();
    const client = await start({ roleCreatedAt: (arn) => (arn === ROLE ? made : undefined), rolePropagationMs: 400, resolveImage: (uri) => Promise.resolve({ mediaType: uri.endsWith('index') ? 'application/vnd.oci.image.index.v1+json' : 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${'d'.repeat(64)}` }) });
    await expect(client.send(create())).rejects.toMatchObject({ name: 'InvalidParameterValueException', message: 'The role defined for the function cannot be assumed by Lambda.' });
    await new Promise((resolve) => setTimeout(resolve, 450));
    await expect(client.send(create({ Code: { ImageUri: '111122223333.dkr.ecr.us-east-1.amazonaws.com/numpy:index' } }))).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: 'The image manifest, config or layer media type for the source image 111122223333.dkr.ecr.us-east-1.amazonaws.com/numpy:index is not supported.',
    });
    const created = await client.send(create({ Code: { ImageUri: '111122223333.dkr.ecr.us-east-1.amazonaws.com/numpy:v1' } }));
    expect(created.CodeSha256).toBe('d'.repeat(64));
    lambda!.refuseRole(ROLE);
    await expect(client.send(create({ FunctionName: 'other' }))).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
    await waitUntilFunctionActiveV2(waiter(client), { FunctionName: 'numpy-sample' });
    await expect(client.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'numpy-sample', Role: ROLE }))).rejects.toMatchObject({ message: 'The role defined for the function cannot be assumed by Lambda.' });
    lambda!.acceptRole(ROLE);
    expect((await client.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'numpy-sample', Role: ROLE }))).Role).toBe(ROLE);
  });

  it('answers an injected storm of 429s and 5xx, then recovers; the SDK\'s own retries ride it out', async () => {
    const client = await start({ stateDelayMs: 0 });
    lambda!.injectStorm({ count: 1, status: 429 });
    lambda!.injectStorm({ count: 1, status: 503, operations: ['GetFunction'] });
    await expect(client.send(create())).rejects.toMatchObject({ name: 'TooManyRequestsException', Reason: 'CallerRateLimitExceeded', $metadata: { httpStatusCode: 429 } });
    await client.send(create());
    await expect(client.send(new GetFunctionCommand({ FunctionName: 'numpy-sample' }))).rejects.toMatchObject({ name: 'ServiceException', $metadata: { httpStatusCode: 503 } });
    lambda!.injectStorm({ count: 2, status: 500 });
    const retrying = new LambdaClient({ region: 'us-east-1', endpoint: lambda!.url, credentials: DOUBLES_TEST_KEY, maxAttempts: 3 });
    const got = await retrying.send(new GetFunctionCommand({ FunctionName: 'numpy-sample' }));
    expect(got.$metadata.attempts).toBe(3);
  });

  it('invokes through the runner: payload, X-Amz-Executed-Version, the log tail with its REPORT line, function errors', async () => {
    const client = await start({ stateDelayMs: 400, updateDelayMs: 0 });
    await client.send(create());
    await expect(client.send(new InvokeCommand({ FunctionName: 'numpy-sample', Payload: Buffer.from('{}') }))).rejects.toMatchObject({ name: 'ResourceConflictException', message: expect.stringContaining('Pending') });
    await waitUntilFunctionActiveV2(waiter(client), { FunctionName: 'numpy-sample' });
    await client.send(new PublishVersionCommand({ FunctionName: 'numpy-sample' }));
    await client.send(new CreateAliasCommand({ FunctionName: 'numpy-sample', Name: 'live', FunctionVersion: '1' }));
    // A new version is Pending for a moment too, as Lambda's are.
    await waitUntilPublishedVersionActive(waiter(client), { FunctionName: 'numpy-sample', Qualifier: '1' });
    const out = await client.send(new InvokeCommand({ FunctionName: 'numpy-sample', Qualifier: 'live', LogType: 'Tail', Payload: Buffer.from('{"x":[1,2]}') }));
    expect(out).toMatchObject({ StatusCode: 200, ExecutedVersion: '1' });
    expect(Buffer.from(out.Payload!).toString()).toBe('{"x":[1,2]}');
    expect(Buffer.from(out.LogResult!, 'base64').toString()).toMatch(/^START RequestId: r1 Version: 1\n[\s\S]*\nREPORT RequestId: r1\tDuration: 1.50 ms\tBilled Duration: 2 ms\tMemory Size: 1024 MB/);
    await expect(client.send(new InvokeCommand({ FunctionName: 'numpy-sample', Payload: Buffer.from('not json') }))).rejects.toMatchObject({ name: 'InvalidRequestContentException' });
    expect((await client.send(new InvokeCommand({ FunctionName: 'numpy-sample', InvocationType: 'DryRun' }))).StatusCode).toBe(204);
  });

  it('keeps only the last 4 KB of a long log and reports a function error in X-Amz-Function-Error', async () => {
    const noisy: LambdaRunner = () => Promise.resolve({ payload: Buffer.from('{"errorType":"ValueError","errorMessage":"bad"}'), functionError: 'Unhandled', logTail: `START RequestId: r2\n${'x'.repeat(10_000)}\nEND RequestId: r2\nREPORT RequestId: r2\tDuration: 3.00 ms\n` });
    const client = await start({ stateDelayMs: 0, invoke: noisy });
    await client.send(create());
    const out = await client.send(new InvokeCommand({ FunctionName: 'numpy-sample', LogType: 'Tail' }));
    expect(out).toMatchObject({ StatusCode: 200, FunctionError: 'Unhandled', ExecutedVersion: '$LATEST' });
    const tail = Buffer.from(out.LogResult!, 'base64').toString();
    expect(tail.length).toBe(4096);
    expect(tail.endsWith('END RequestId: r2\nREPORT RequestId: r2\tDuration: 3.00 ms\n')).toBe(true);
  });

  it('keeps the tags CreateFunction gave and answers them on GetFunction (any qualifier); refuses aws: keys and bad characters', async () => {
    const client = await start({ stateDelayMs: 0 });
    await expect(client.send(create({ Tags: { 'aws:owner': 'me' } }))).rejects.toMatchObject({ name: 'InvalidParameterValueException', message: expect.stringContaining('aws: prefix is reserved') });
    await expect(client.send(create({ Tags: { team: 'a&b' } }))).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringContaining("failed to satisfy constraint: Member must satisfy regular expression pattern") });
    await expect(client.send(create({ Tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) }))).rejects.toMatchObject({ name: 'InvalidParameterValueException', message: 'A function can have at most 50 tags.' });
    expect(lambda!.control.functions.size).toBe(0);
    await client.send(create({ Tags: { 'skylift:project': 'numpy', team: 'ml' } }));
    await client.send(new PublishVersionCommand({ FunctionName: 'numpy-sample' }));
    expect((await client.send(new GetFunctionCommand({ FunctionName: 'numpy-sample' }))).Tags).toEqual({ 'skylift:project': 'numpy', team: 'ml' });
    expect((await client.send(new GetFunctionCommand({ FunctionName: 'numpy-sample', Qualifier: '1' }))).Tags).toEqual({ 'skylift:project': 'numpy', team: 'ml' });
    await client.send(create({ FunctionName: 'untagged' }));
    expect((await client.send(new GetFunctionCommand({ FunctionName: 'untagged' }))).Tags).toBeUndefined();
  });

  it('recomputes the signature, so a wrong secret is refused as Lambda refuses it', async () => {
    await start();
    const wrong = new LambdaClient({ region: 'us-east-1', endpoint: lambda!.url, credentials: { ...DOUBLES_TEST_KEY, secretAccessKey: 'wrong-secret' }, maxAttempts: 1 });
    await expect(wrong.send(new GetFunctionCommand({ FunctionName: 'numpy-sample' }))).rejects.toMatchObject({ name: 'InvalidSignatureException', $metadata: { httpStatusCode: 403 } });
    expect(lambda!.requests).toEqual([{ operation: null, status: 403 }]);
  });

  it('answers unsigned and malformed requests in Lambda\'s error shape and keeps serving', async () => {
    const client = await start();
    const unsigned = await request(`${lambda!.url}/2015-03-31/functions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers['x-amzn-errortype']).toBe('MissingAuthenticationTokenException');
    const garbage = await request(`${lambda!.url}/%%%/..`, { method: 'GET' });
    expect(garbage.status).toBe(403);
    await expect(client.send(new GetFunctionCommand({ FunctionName: 'absent' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('is driven by the AWS CLI as an independent client (--endpoint-url)', async () => {
    const client = await start({ stateDelayMs: 0 });
    await client.send(create());
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', AWS_ACCESS_KEY_ID: DOUBLES_TEST_KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: DOUBLES_TEST_KEY.secretAccessKey, AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_PAGER: '' };
    const { stdout } = await promisify(execFile)('/usr/bin/aws', ['lambda', 'get-function', '--function-name', 'numpy-sample', '--endpoint-url', lambda!.url, '--output', 'json'], { env, timeout: 60_000 });
    const out = JSON.parse(stdout) as { Configuration: Record<string, unknown>; Code: Record<string, unknown> };
    expect(out.Configuration).toMatchObject({ FunctionName: 'numpy-sample', State: 'Active', MemorySize: 1024, PackageType: 'Image' });
    expect(out.Code.ImageUri).toBe(IMAGE(1));
    const refused = await promisify(execFile)('/usr/bin/aws', ['lambda', 'get-function', '--function-name', 'numpy-sample', '--endpoint-url', lambda!.url], { env: { ...env, AWS_SECRET_ACCESS_KEY: 'wrong' }, timeout: 60_000 }).catch((error: { stderr: string }) => error);
    expect((refused as { stderr: string }).stderr).toContain('InvalidSignatureException');
  }, 90_000);
});
