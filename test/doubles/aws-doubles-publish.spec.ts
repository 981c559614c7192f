import { CreateRepositoryCommand, ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, GetFunctionCommand, InvokeCommand, LambdaClient, waitUntilFunctionActiveV2 } from '@aws-sdk/client-lambda';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwsDoubles, lambdaOptions, startAwsDoubles } from './aws-doubles';
import { startLambdaDouble } from './aws-lambda';
import { type DockerLambdaRunner, dockerLambdaRunner } from './aws-lambda-docker-runner';
import { buildProbeImage, PROBE_IMAGE } from '../helpers/lambda-probe';
import { pullFromRegistry } from './registry-pull';
import { pushLocalImage, pushTinyImage } from './registry-push';

const ROLE_PROPAGATION_MS = 3_000;
const LAMBDA_TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

/**
 * The doubles joined as a publish uses them: a role from IAM, an image pushed with ECR's token,
 * and Lambda that sees both (the role only after it has propagated, the image as it was pushed).
 */
describe('the AWS doubles together, as a publish reaches them', () => {
  let doubles: AwsDoubles;
  let runner: DockerLambdaRunner;
  const docker = new Dockerode();
  beforeAll(async () => {
    buildProbeImage();
    doubles = await startAwsDoubles({
      startLambda: (deps) => {
        runner = dockerLambdaRunner(docker, { locateImage: pullFromRegistry(docker, deps.registry) });
        return startLambdaDouble({ ...lambdaOptions(deps), rolePropagationMs: ROLE_PROPAGATION_MS, stateDelayMs: 50, invoke: runner.invoke });
      },
    });
  }, 180_000);
  afterAll(async () => {
    await runner?.close();
    await doubles?.close();
  });

  const config = () => ({ region: doubles.region, credentials: { accessKeyId: doubles.key.accessKeyId, secretAccessKey: doubles.key.secretAccessKey }, maxAttempts: 1 });

  it('Lambda refuses a new role until it propagates, takes a pushed digest, and refuses an index and an image never pushed', { timeout: 120_000 }, async () => {
    const ecr = new ECRClient({ ...config(), endpoint: doubles.ecr.url });
    const lambda = new LambdaClient({ ...config(), endpoint: doubles.lambda!.url });
    const repository = (await ecr.send(new CreateRepositoryCommand({ repositoryName: 'skylift/sample' }))).repository!;
    const token = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData![0];
    const [username, password] = Buffer.from(token.authorizationToken!, 'base64').toString('utf8').split(':');
    const host = new URL(token.proxyEndpoint!).host;
    expect(repository.repositoryUri!.startsWith(`${host}/`)).toBe(true);
    const { digest } = await pushTinyImage({ host, repository: 'skylift/sample', tag: 'v1', username, password });
    // The role is made only now, so a slow push on a busy machine cannot outlast its propagation window.
    const role = (await new IAMClient({ ...config(), endpoint: doubles.iam.url }).send(new CreateRoleCommand({ RoleName: 'skylift-sample', AssumeRolePolicyDocument: LAMBDA_TRUST }))).Role!;
    const create = (name: string, imageUri: string) => lambda.send(new CreateFunctionCommand({ FunctionName: name, PackageType: 'Image', Code: { ImageUri: imageUri }, Role: role.Arn! }));

    await expect(create('sample', `${repository.repositoryUri}@${digest}`)).rejects.toThrow(/cannot be assumed by Lambda/);
    await new Promise((r) => setTimeout(r, ROLE_PROPAGATION_MS + 200));
    const created = await create('sample', `${repository.repositoryUri}@${digest}`);
    expect(created.FunctionArn).toMatch(/:function:sample$/);
    await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 30 }, { FunctionName: 'sample' });
    const fn = await lambda.send(new GetFunctionCommand({ FunctionName: 'sample' }));
    expect(fn.Code?.ImageUri).toBe(`${repository.repositoryUri}@${digest}`);

    const image = (await doubles.registry.manifest('skylift/sample', digest))!;
    const indexDigest = await doubles.registry.putIndex('skylift/sample', 'multi', [image]);
    await expect(create('indexed', `${repository.repositoryUri}@${indexDigest}`)).rejects.toThrow(/media type for the source image .* is not supported/);
    await expect(create('absent', `${repository.repositoryUri}@sha256:${'1'.repeat(64)}`)).rejects.toThrow(/does not exist/);
  });

  it('Invoke pulls the digest that was pushed through ECR and runs it', { timeout: 180_000 }, async () => {
    const ecr = new ECRClient({ ...config(), endpoint: doubles.ecr.url });
    const lambda = new LambdaClient({ ...config(), endpoint: doubles.lambda!.url });
    const role = (await new IAMClient({ ...config(), endpoint: doubles.iam.url }).send(new CreateRoleCommand({ RoleName: 'skylift-probe', AssumeRolePolicyDocument: LAMBDA_TRUST }))).Role!;
    const repository = (await ecr.send(new CreateRepositoryCommand({ repositoryName: 'skylift/probe' }))).repository!;
    const { digest } = await pushLocalImage({ localImage: PROBE_IMAGE, host: doubles.registry.host, repository: 'skylift/probe', tag: 'v1', username: doubles.registry.username, password: doubles.registry.password });
    const imageUri = `${repository.repositoryUri}@${digest}`;
    await new Promise((r) => setTimeout(r, ROLE_PROPAGATION_MS + 200));
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'probe', PackageType: 'Image', Code: { ImageUri: imageUri }, Role: role.Arn!, Timeout: 10 }));
    await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 30 }, { FunctionName: 'probe' });
    try {
      const answer = await lambda.send(new InvokeCommand({ FunctionName: 'probe', LogType: 'Tail', Payload: Buffer.from('{"n":7}') }));
      expect(answer.FunctionError).toBeUndefined();
      expect(JSON.parse(Buffer.from(answer.Payload!).toString())).toEqual({ echo: { n: 7 } });
      // The engine now holds the pushed digest: the runner pulled it from the registry.
      expect((await docker.getImage(imageUri).inspect()).RepoDigests).toContain(imageUri);
    } finally {
      await docker.getImage(imageUri).remove({ noprune: true }).catch(() => undefined);
    }
  });
});
