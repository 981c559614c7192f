import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { CreateRepositoryCommand, ECRClient } from '@aws-sdk/client-ecr';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  LambdaClient,
  PublishVersionCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import Dockerode from 'dockerode';
import type { JobEventInput } from '../../shared/contract/jobs';
import { projectConfigSchema } from '../../shared/project/schema';
import { DeploymentStore } from '../../main/core/deployments/deployment-store';
import type { ProfileService } from '../../main/core/profiles/profile-service';
import { openDatabase } from '../../main/core/store/database';
import type { CloudContext } from '../../main/core/targets/cloud';
import { ecrRepositoryNameFor } from '../../main/core/targets/aws-lambda/publish/ecr-repository-name';
import { type AwsDoubles, lambdaOptions, startAwsDoubles } from '../doubles/aws-doubles';
import { type LambdaDouble, startLambdaDouble } from '../doubles/aws-lambda';
import { type DockerLambdaRunner, dockerLambdaRunner } from '../doubles/aws-lambda-docker-runner';
import { pullFromRegistry } from '../doubles/registry-pull';
import { pushLocalImage } from '../doubles/registry-push';
import { buildProbeImage, PROBE_IMAGE } from '../helpers/lambda-probe';

/**
 * The doubles as verify, rollback and destroy meet them: Lambda running the probe image pulled from
 * the registry, ECR, IAM. Functions, versions and aliases are made here with the SDK directly (as a
 * publish leaves them), so these tests do not depend on apply.
 */
export interface LambdaWorld {
  doubles: AwsDoubles;
  lambdaDouble: LambdaDouble;
  docker: Dockerode;
  lambda: LambdaClient;
  ecr: ECRClient;
  roleArn: string;
  close(): Promise<void>;
}

const LAMBDA_TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

export async function startLambdaWorld(): Promise<LambdaWorld> {
  buildProbeImage();
  const docker = new Dockerode();
  let runner: DockerLambdaRunner | undefined;
  let lambdaDouble: LambdaDouble | undefined;
  const doubles = await startAwsDoubles({
    startLambda: async (deps) => {
      runner = dockerLambdaRunner(docker, { locateImage: pullFromRegistry(docker, deps.registry) });
      lambdaDouble = await startLambdaDouble({ ...lambdaOptions(deps), rolePropagationMs: 0, stateDelayMs: 50, updateDelayMs: 50, invoke: runner.invoke });
      return lambdaDouble;
    },
  });
  const config = { region: doubles.region, credentials: { accessKeyId: doubles.key.accessKeyId, secretAccessKey: doubles.key.secretAccessKey }, maxAttempts: 1 };
  const lambda = new LambdaClient({ ...config, endpoint: doubles.lambda!.url });
  const ecr = new ECRClient({ ...config, endpoint: doubles.ecr.url });
  const iam = new IAMClient({ ...config, endpoint: doubles.iam.url });
  const role = (await iam.send(new CreateRoleCommand({ RoleName: 'skylift-verify-tests', AssumeRolePolicyDocument: LAMBDA_TRUST }))).Role!;
  iam.destroy();
  return {
    doubles,
    lambdaDouble: lambdaDouble!,
    docker,
    lambda,
    ecr,
    roleArn: role.Arn!,
    close: async () => {
      lambda.destroy();
      ecr.destroy();
      await runner?.close();
      await doubles.close();
    },
  };
}

/** Skylift's repository for a project (as publishing names it), with the probe pushed into it. */
export async function pushProbe(world: LambdaWorld, project: string): Promise<{ repository: string; uri: string; digest: string }> {
  const repository = ecrRepositoryNameFor(project);
  const made = await world.ecr.send(new CreateRepositoryCommand({ repositoryName: repository }));
  const registry = world.doubles.registry;
  const { digest } = await pushLocalImage({ localImage: PROBE_IMAGE, host: registry.host, repository, tag: 'v1', username: registry.username, password: registry.password });
  return { repository, uri: `${made.repository!.repositoryUri}@${digest}`, digest };
}

/**
 * A function running `imageUri` with `versions` published versions (each a configuration change,
 * as Lambda publishes only a changed $LATEST) and the alias on the last one.
 */
export async function makeFunction(world: LambdaWorld, options: { name: string; imageUri: string; versions: number; alias?: string; environment?: Record<string, string> }): Promise<{ functionArn: string; versions: string[] }> {
  const { lambda } = world;
  const FunctionName = options.name;
  const created = await lambda.send(new CreateFunctionCommand({ FunctionName, PackageType: 'Image', Code: { ImageUri: options.imageUri }, Role: world.roleArn, Timeout: 10, MemorySize: 512 }));
  await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 30 }, { FunctionName });
  const versions: string[] = [];
  for (let i = 1; i <= options.versions; i++) {
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName, Environment: { Variables: { ...options.environment, RELEASE: String(i) } } }));
    await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 30 }, { FunctionName });
    versions.push((await lambda.send(new PublishVersionCommand({ FunctionName }))).Version!);
  }
  if (versions.length) await lambda.send(new CreateAliasCommand({ FunctionName, Name: options.alias ?? 'live', FunctionVersion: versions.at(-1)! }));
  return { functionArn: created.FunctionArn!, versions };
}

/** A project folder's CloudContext for deployment prod, on a real DeploymentStore; the profile resolves to the doubles' key and endpoints. */
export function cloudContextForTest(
  world: LambdaWorld,
  options: { dir: string; project: string; functionName: string; store?: DeploymentStore; /** More deployments in skylift.yaml on the same function, by name: their alias. */ sameFunction?: Record<string, string> },
): { context: CloudContext; events: JobEventInput[]; store: DeploymentStore } {
  const { doubles } = world;
  const store = options.store ?? new DeploymentStore(openDatabase(path.join(options.dir, 'skylift.db')));
  const deployment = { target: 'aws-lambda' as const, profile: 'doubles', region: doubles.region, function: options.functionName, alias: 'live' };
  const config = projectConfigSchema.parse({ name: options.project, python: '3.11', framework: { name: 'none' }, model: 'model:Probe', targets: { 'aws-lambda': {} }, deployments: { prod: deployment, ...Object.fromEntries(Object.entries(options.sameFunction ?? {}).map(([name, alias]) => [name, { ...deployment, alias }])) } });
  const profiles = {
    awsIdentity: async () => ({
      profile: { id: 'profile-doubles', name: 'doubles' },
      identity: { credentials: async () => ({ accessKeyId: doubles.key.accessKeyId, secretAccessKey: doubles.key.secretAccessKey }), region: doubles.region, source: 'static keys' },
      endpoints: { lambda: doubles.lambda!.url, ecr: doubles.ecr.url, iam: doubles.iam.url, sts: doubles.sts.url },
    }),
  } as unknown as ProfileService;
  const events: JobEventInput[] = [];
  const context: CloudContext = {
    projectDir: options.dir,
    config,
    deploymentName: 'prod',
    deployment: config.deployments!.prod!,
    profiles,
    store,
    docker: world.docker,
    localImage: null,
    emit: (event) => events.push(event),
    signal: new AbortController().signal,
  };
  return { context, events, store };
}

/** What apply records for a release it made live. */
export function recordRelease(store: DeploymentStore, dir: string, functionArn: string, version: string, imageDigest: string, name = 'prod'): void {
  store.record({ projectDir: dir, name, target: 'aws-lambda', functionArn, version, alias: 'live', imageDigest, profileId: 'profile-doubles', plan: { fingerprint: `test-${version}` }, deployedAt: new Date().toISOString() });
}

/** Debian's AWS CLI (botocore) against a double: an independent client reads what Skylift's calls left. */
export async function awsCli(world: LambdaWorld, endpoint: string, args: string[]): Promise<Record<string, unknown>> {
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    AWS_ACCESS_KEY_ID: world.doubles.key.accessKeyId,
    AWS_SECRET_ACCESS_KEY: world.doubles.key.secretAccessKey,
    AWS_REGION: world.doubles.region,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  const { stdout } = await promisify(execFile)('/usr/bin/aws', [...args, '--endpoint-url', endpoint, '--output', 'json'], { env, timeout: 60_000 });
  return JSON.parse(stdout) as Record<string, unknown>;
}
