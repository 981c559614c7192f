import { CreateFunctionCommand, InvokeCommand, LambdaClient, UpdateFunctionConfigurationCommand, waitUntilFunctionActiveV2, waitUntilFunctionUpdatedV2 } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLambdaDouble, type LambdaDouble } from '../doubles/aws-lambda';
import { DOUBLES_TEST_KEY } from '../doubles/aws-auth';
import { dockerLambdaRunner, type DockerLambdaRunner } from '../doubles/aws-lambda-docker-runner';
import { docker } from '../helpers/build';
import { buildProbeImage, PROBE_IMAGE } from '../helpers/lambda-probe';

// Only this test process's environments: other spec files run Lambda doubles on the same engine at the same time.
const runningEnvironments = async () => (await docker.listContainers({ filters: { label: ['dev.skylift.project=lambda-double', `dev.skylift.job-id=lambda-double-${process.pid}`] } })).length;
const decodeTail = (logResult: string | undefined) => Buffer.from(logResult ?? '', 'base64').toString('utf8');

/** The Lambda double invoking for real: the function's image runs in the engine through Skylift's Runtime API. */
describe('Lambda double with the Docker runner (real engine, probe runtime)', () => {
  let lambda: LambdaDouble;
  let runner: DockerLambdaRunner;
  let client: LambdaClient;

  beforeAll(async () => {
    buildProbeImage();
    runner = dockerLambdaRunner(docker);
    lambda = await startLambdaDouble({ stateDelayMs: 200, updateDelayMs: 200, invoke: runner.invoke });
    client = new LambdaClient({ region: 'us-east-1', endpoint: lambda.url, credentials: DOUBLES_TEST_KEY, maxAttempts: 1 });
  }, 180_000);
  afterAll(async () => {
    await runner?.close();
    await lambda?.close();
  });

  it('creates, waits, invokes with LogType Tail: the image answers, and the tail ends with a REPORT line carrying Init Duration once', async () => {
    await client.send(new CreateFunctionCommand({ FunctionName: 'probe', Role: 'arn:aws:iam::111122223333:role/skylift-probe', PackageType: 'Image', Code: { ImageUri: PROBE_IMAGE }, MemorySize: 512, Timeout: 10 }));
    await waitUntilFunctionActiveV2({ client, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { FunctionName: 'probe' });
    const cold = await client.send(new InvokeCommand({ FunctionName: 'probe', LogType: 'Tail', Payload: Buffer.from('{"print_lines":2}') }));
    expect(cold).toMatchObject({ StatusCode: 200, ExecutedVersion: '$LATEST' });
    expect(cold.FunctionError).toBeUndefined();
    expect(JSON.parse(Buffer.from(cold.Payload!).toString())).toEqual({ printed: true });
    const coldTail = decodeTail(cold.LogResult);
    expect(coldTail).toMatch(/^START RequestId: (\S+) Version: \$LATEST\n[\s\S]*probe line 1\n[\s\S]*END RequestId: \1\nREPORT RequestId: \1\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 512 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms/);
    const warm = await client.send(new InvokeCommand({ FunctionName: 'probe', LogType: 'Tail', Payload: Buffer.from('{"n":1}') }));
    expect(JSON.parse(Buffer.from(warm.Payload!).toString())).toEqual({ echo: { n: 1 } });
    expect(decodeTail(warm.LogResult)).toMatch(/\nREPORT RequestId: \S+\tDuration: [\d.]+ ms/);
    expect(decodeTail(warm.LogResult)).not.toContain('Init Duration');
  }, 120_000);

  it('a configuration change gets a fresh environment with the new settings, and a crash is an Unhandled function error', async () => {
    await client.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'probe', MemorySize: 768, Environment: { Variables: { MARKER: 'cold-2' } } }));
    await waitUntilFunctionUpdatedV2({ client, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { FunctionName: 'probe' });
    const env = await client.send(new InvokeCommand({ FunctionName: 'probe', LogType: 'Tail', Payload: Buffer.from('{"env":true}') }));
    expect(JSON.parse(Buffer.from(env.Payload!).toString())).toMatchObject({ MARKER: 'cold-2', AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '768', AWS_LAMBDA_FUNCTION_NAME: 'probe' });
    expect(decodeTail(env.LogResult)).toContain('Init Duration');
    // The environment made for the old configuration is retired, not left running beside the new one.
    await expect.poll(() => runningEnvironments(), { timeout: 30_000, interval: 200 }).toBe(1);
    const crash = await client.send(new InvokeCommand({ FunctionName: 'probe', LogType: 'Tail', Payload: Buffer.from('{"exit":3}') }));
    expect(crash).toMatchObject({ StatusCode: 200, FunctionError: 'Unhandled' });
    expect(decodeTail(crash.LogResult)).toMatch(/REPORT RequestId: \S+\tDuration/);
  }, 120_000);
});
