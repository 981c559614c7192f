import { CreateFunctionCommand, InvokeCommand, LambdaClient, waitUntilFunctionActiveV2 } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOUBLES_TEST_KEY } from '../doubles/aws-auth';
import { startLambdaDouble, type LambdaDouble } from '../doubles/aws-lambda';
import { dockerLambdaRunner, registryImage, type DockerLambdaRunner } from '../doubles/aws-lambda-docker-runner';
import { resolveImageUri, startRegistry, type RegistryDouble } from '../doubles/registry';
import { docker } from '../helpers/build';
import { buildProbeImage, PROBE_IMAGE } from '../helpers/lambda-probe';

/** Pushes the probe image to the registry double through the engine and answers the pushed digest. */
async function pushProbe(registry: RegistryDouble): Promise<string> {
  const repo = `${registry.host}/lambda-probe`;
  await docker.getImage(PROBE_IMAGE).tag({ repo, tag: 'v1' });
  const stream = await docker.getImage(`${repo}:v1`).push({ authconfig: { username: registry.username, password: registry.password, serveraddress: registry.host } });
  const events = await new Promise<Array<{ error?: string; aux?: { Digest?: string } }>>((resolve, reject) => docker.modem.followProgress(stream, (error: Error | null, out: Array<{ error?: string }>) => (error ? reject(error) : resolve(out))));
  const failed = events.find((e) => e.error);
  if (failed) throw new Error(`push failed: ${failed.error}`);
  // Untagged here, so the runner has to pull the digest from the registry to run it.
  await docker.getImage(`${repo}:v1`).remove({ noprune: true });
  return events.find((e) => e.aux?.Digest)!.aux!.Digest!;
}

describe('Lambda double invoking what was pushed to the registry double (real engine, real registry)', () => {
  let registry: RegistryDouble;
  let runner: DockerLambdaRunner;
  let lambda: LambdaDouble;
  let pulled: string | undefined;

  beforeAll(async () => {
    buildProbeImage();
    registry = await startRegistry();
    runner = dockerLambdaRunner(docker, { locateImage: registryImage(docker, registry) });
    lambda = await startLambdaDouble({ stateDelayMs: 100, invoke: runner.invoke, resolveImage: (uri) => resolveImageUri(registry, uri) });
  }, 180_000);
  afterAll(async () => {
    await runner?.close();
    await lambda?.close();
    await registry?.close();
    // The pulled reference names a registry that is gone; the probe image itself stays.
    if (pulled) await docker.getImage(pulled).remove({ noprune: true }).catch(() => undefined);
  });

  it('pulls the pinned digest from the registry and runs it', async () => {
    const digest = await pushProbe(registry);
    const imageUri = `${registry.host}/lambda-probe@${digest}`;
    pulled = imageUri;
    await expect(docker.getImage(imageUri).inspect()).rejects.toBeTruthy(); // not in the engine under that name yet
    const client = new LambdaClient({ region: 'us-east-1', endpoint: lambda.url, credentials: DOUBLES_TEST_KEY, maxAttempts: 1 });
    const created = await client.send(new CreateFunctionCommand({ FunctionName: 'pushed', Role: 'arn:aws:iam::123456789012:role/r', PackageType: 'Image', Code: { ImageUri: imageUri }, MemorySize: 512, Timeout: 10 }));
    expect(created.CodeSha256).toBe(digest.slice('sha256:'.length));
    await waitUntilFunctionActiveV2({ client, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { FunctionName: 'pushed' });
    const out = await client.send(new InvokeCommand({ FunctionName: 'pushed', LogType: 'Tail', Payload: Buffer.from('{"n":2}') }));
    expect(JSON.parse(Buffer.from(out.Payload!).toString())).toEqual({ echo: { n: 2 } });
    expect(Buffer.from(out.LogResult!, 'base64').toString()).toMatch(/\nREPORT RequestId: \S+\tDuration: [\d.]+ ms.*\tInit Duration: /);
    expect((await docker.getImage(imageUri).inspect()).RepoDigests).toContain(imageUri);
  }, 180_000);
});
