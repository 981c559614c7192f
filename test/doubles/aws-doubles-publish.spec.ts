import { CreateRepositoryCommand, ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, GetFunctionCommand, LambdaClient, waitUntilFunctionActiveV2 } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwsDoubles, lambdaOptions, startAwsDoubles } from './aws-doubles';
import { startLambdaDouble } from './aws-lambda';
import { pushTinyImage } from './registry-push';

const ROLE_PROPAGATION_MS = 1_500;
const LAMBDA_TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

/**
 * The doubles joined as a publish uses them: a role from IAM, an image pushed with ECR's token,
 * and Lambda that sees both (the role only after it has propagated, the image as it was pushed).
 */
describe('the AWS doubles together, as a publish reaches them', () => {
  let doubles: AwsDoubles;
  beforeAll(async () => {
    doubles = await startAwsDoubles({ startLambda: (deps) => startLambdaDouble({ ...lambdaOptions(deps), rolePropagationMs: ROLE_PROPAGATION_MS, stateDelayMs: 50 }) });
  });
  afterAll(async () => doubles?.close());

  const config = () => ({ region: doubles.region, credentials: { accessKeyId: doubles.key.accessKeyId, secretAccessKey: doubles.key.secretAccessKey }, maxAttempts: 1 });

  it('Lambda refuses a new role until it propagates, takes a pushed digest, and refuses an index and an image never pushed', { timeout: 120_000 }, async () => {
    const ecr = new ECRClient({ ...config(), endpoint: doubles.ecr.url });
    const lambda = new LambdaClient({ ...config(), endpoint: doubles.lambda!.url });
    const role = (await new IAMClient({ ...config(), endpoint: doubles.iam.url }).send(new CreateRoleCommand({ RoleName: 'skylift-sample', AssumeRolePolicyDocument: LAMBDA_TRUST }))).Role!;
    const repository = (await ecr.send(new CreateRepositoryCommand({ repositoryName: 'skylift/sample' }))).repository!;
    const token = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData![0];
    const [username, password] = Buffer.from(token.authorizationToken!, 'base64').toString('utf8').split(':');
    const host = new URL(token.proxyEndpoint!).host;
    expect(repository.repositoryUri!.startsWith(`${host}/`)).toBe(true);
    const { digest } = await pushTinyImage({ host, repository: 'skylift/sample', tag: 'v1', username, password });
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
});
