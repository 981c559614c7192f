import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Dockerode from 'dockerode';
import type { JobEventInput } from '../../shared/contract/jobs';
import { DeploymentStore } from '../../main/core/deployments/deployment-store';
import type { ProfileService } from '../../main/core/profiles/profile-service';
import { requireProject } from '../../main/core/project/project-files';
import { openDatabase } from '../../main/core/store/database';
import type { CloudContext } from '../../main/core/targets/cloud';
import { type AwsDoubles, lambdaOptions, startAwsDoubles } from '../doubles/aws-doubles';
import { type LambdaDouble, startLambdaDouble } from '../doubles/aws-lambda';
import { type DockerLambdaRunner, dockerLambdaRunner } from '../doubles/aws-lambda-docker-runner';
import { pullFromRegistry } from '../doubles/registry-pull';
import { runDocker } from '../doubles/registry-push';
import { writeProbeProject } from '../helpers/probe-project';

/**
 * The publish flow against the AWS doubles through the real SDK clients: a project folder with
 * skylift.yaml, a real deployments store, the real engine, and a profile seam that answers the
 * doubles' static test key and endpoints (the real ProfileService resolves the same shape).
 */
export interface PublishHarness {
  doubles: AwsDoubles;
  lambda: LambdaDouble;
  dir: string;
  store: DeploymentStore;
  docker: Dockerode;
  /** A CloudContext for one deployment; events go to the given list. */
  context(options: { deployment?: string; events?: JobEventInput[]; signal?: AbortSignal; image?: BuiltImage | null }): CloudContext;
  setYaml(change: (yaml: string) => string): void;
  /** Uses an image built elsewhere (the probe) as the deployment's built aws-lambda image. */
  useImage(tag: string): Promise<BuiltImage>;
  /** Builds a FROM-scratch image with `bytes` of random (incompressible) data: a new image each time. */
  buildImage(bytes: number): Promise<BuiltImage>;
  close(): Promise<void>;
}

export interface BuiltImage {
  tag: string;
  id: string;
}

export const DEPLOYMENTS_YAML = `deployments:
  prod: { target: aws-lambda, profile: doubles, region: us-east-1, alias: live }
`;

export async function startPublishHarness(name: string, lambdaTiming: { stateDelayMs: number; updateDelayMs: number }, options: { runInvokes?: boolean } = {}): Promise<PublishHarness> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'skylift-publish-'));
  const dir = writeProbeProject(path.join(work, 'project'), name);
  fs.appendFileSync(path.join(dir, 'skylift.yaml'), DEPLOYMENTS_YAML);
  const store = new DeploymentStore(openDatabase(path.join(work, 'skylift.db')));
  const docker = new Dockerode();
  let lambda!: LambdaDouble;
  let runner: DockerLambdaRunner | null = null;
  const doubles = await startAwsDoubles({
    startLambda: async (deps) => {
      // Invoke runs what was pushed: the runner pulls the pinned digest from the registry.
      if (options.runInvokes) runner = dockerLambdaRunner(docker, { locateImage: pullFromRegistry(docker, deps.registry) });
      lambda = await startLambdaDouble({ ...lambdaOptions(deps), rolePropagationMs: 0, ...lambdaTiming, ...(runner ? { invoke: runner.invoke } : {}) });
      return lambda;
    },
  });
  const profiles = {
    awsIdentity: async () => ({
      profile: { id: 'profile-doubles', name: 'doubles' },
      identity: { credentials: async () => ({ accessKeyId: doubles.key.accessKeyId, secretAccessKey: doubles.key.secretAccessKey }), region: doubles.region, source: 'static keys' },
      endpoints: { lambda: lambda.url, ecr: doubles.ecr.url, iam: doubles.iam.url, sts: doubles.sts.url },
    }),
  } as unknown as ProfileService;
  const images: string[] = [];
  let lastImage: BuiltImage | null = null;
  return {
    doubles,
    lambda,
    dir,
    store,
    docker,
    context({ deployment = 'prod', events = [], signal, image }) {
      const config = requireProject(dir).config;
      return {
        projectDir: dir,
        config,
        deploymentName: deployment,
        deployment: config.deployments![deployment]!,
        profiles,
        store,
        docker,
        localImage: image === undefined ? lastImage : image,
        emit: (event) => events.push(event),
        signal: signal ?? new AbortController().signal,
      };
    },
    setYaml(change) {
      const file = path.join(dir, 'skylift.yaml');
      fs.writeFileSync(file, change(fs.readFileSync(file, 'utf8')));
    },
    async useImage(tag) {
      lastImage = { tag, id: (await docker.getImage(tag).inspect()).Id };
      return lastImage;
    },
    async buildImage(bytes) {
      const context = fs.mkdtempSync(path.join(work, 'image-'));
      fs.writeFileSync(path.join(context, 'Dockerfile'), 'FROM scratch\nCOPY blob /blob\n');
      fs.writeFileSync(path.join(context, 'blob'), randomBytes(bytes));
      const tag = `skylift-it/publish-${process.pid}-${images.length}:aws-lambda`;
      await runDocker(['build', '-q', '-t', tag, context], process.env);
      images.push(tag);
      lastImage = { tag, id: (await docker.getImage(tag).inspect()).Id };
      return lastImage;
    },
    async close() {
      await runner?.close();
      await doubles.close();
      for (const tag of images) {
        const info = await docker.getImage(tag).inspect().catch(() => null);
        // The registry references the engine kept after pushes go too, so the image is really removed.
        for (const ref of [tag, ...(info?.RepoDigests ?? [])]) await docker.getImage(ref).remove({ force: true }).catch(() => undefined);
      }
      fs.rmSync(work, { recursive: true, force: true });
    },
  };
}

/** The log lines of a list of job events. */
export const logLines = (events: JobEventInput[]) => events.flatMap((e) => (e.type === 'log' ? [e.line] : []));
