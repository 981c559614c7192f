import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOUBLES_TEST_KEY } from './aws-auth';
import { type EcrDouble, startEcrDouble } from './aws-ecr';
import { type IamDouble, startIamDouble } from './aws-iam';
import { startRegistry } from './registry';
import { pushTinyImage } from './registry-push';

const run = promisify(execFile);
const AWS_CLI = '/usr/bin/aws';

/**
 * Debian's awscli (botocore, Python) as an independent client: if the doubles only worked with
 * the JavaScript SDK that Skylift itself uses, a shared misreading of the protocol would pass.
 */
async function aws(endpoint: string, args: string[]): Promise<unknown> {
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    AWS_ACCESS_KEY_ID: DOUBLES_TEST_KEY.accessKeyId,
    AWS_SECRET_ACCESS_KEY: DOUBLES_TEST_KEY.secretAccessKey,
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  const { stdout } = await run(AWS_CLI, [...args, '--endpoint-url', endpoint, '--output', 'json'], { env, timeout: 60_000 });
  return stdout.trim().startsWith('{') ? JSON.parse(stdout) : stdout.trim();
}

describe('the AWS CLI drives the ECR and IAM doubles', () => {
  let ecr: EcrDouble;
  let iam: IamDouble;
  beforeAll(async () => {
    ecr = await startEcrDouble({ registry: await startRegistry(), keys: [DOUBLES_TEST_KEY] });
    iam = await startIamDouble({ keys: [DOUBLES_TEST_KEY] });
  });
  afterAll(async () => {
    await ecr?.close();
    await ecr?.registry.close();
    await iam?.close();
  });

  // Each CLI call starts a Python interpreter (seconds on a loaded machine): generous deadlines.
  it('ecr create-repository, get-login-password (docker login + push), describe-repositories and describe-images', { timeout: 120_000 }, async () => {
    const created = (await aws(ecr.url, ['ecr', 'create-repository', '--repository-name', 'cli/sample'])) as { repository: { repositoryUri: string } };
    expect(created.repository.repositoryUri).toBe(`${ecr.registry.host}/cli/sample`);
    const password = (await aws(ecr.url, ['ecr', 'get-login-password'])) as string;
    const { digest } = await pushTinyImage({ host: ecr.registry.host, repository: 'cli/sample', tag: 'latest', username: 'AWS', password });
    const repos = (await aws(ecr.url, ['ecr', 'describe-repositories'])) as { repositories: Array<{ repositoryName: string }> };
    expect(repos.repositories.map((r) => r.repositoryName)).toEqual(['cli/sample']);
    const images = (await aws(ecr.url, ['ecr', 'describe-images', '--repository-name', 'cli/sample'])) as { imageDetails: Array<{ imageDigest: string; imageTags: string[] }> };
    expect(images.imageDetails).toMatchObject([{ imageDigest: digest, imageTags: ['latest'] }]);
    await expect(aws(ecr.url, ['ecr', 'describe-repositories', '--repository-names', 'absent'])).rejects.toThrow(/RepositoryNotFoundException/);
  });

  it('iam create-role, attach-role-policy and get-role', { timeout: 120_000 }, async () => {
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    await aws(iam.url, ['iam', 'create-role', '--role-name', 'skylift-cli', '--assume-role-policy-document', trust]);
    await aws(iam.url, ['iam', 'attach-role-policy', '--role-name', 'skylift-cli', '--policy-arn', 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']);
    const got = (await aws(iam.url, ['iam', 'get-role', '--role-name', 'skylift-cli'])) as { Role: { Arn: string; AssumeRolePolicyDocument: unknown } };
    expect(got.Role.Arn).toBe(`arn:aws:iam::${DOUBLES_TEST_KEY.account}:role/skylift-cli`);
    // botocore decodes IAM's URL-encoded policy documents into objects.
    expect(got.Role.AssumeRolePolicyDocument).toEqual(JSON.parse(trust));
    await expect(aws(iam.url, ['iam', 'get-role', '--role-name', 'nobody'])).rejects.toThrow(/NoSuchEntity/);
  });
});
