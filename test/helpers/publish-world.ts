import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Dockerode from 'dockerode';
import type { Job } from '../../shared/contract';
import type { AwsDoubles } from '../doubles/aws-doubles';
import type { LambdaDouble } from '../doubles/aws-lambda';
import { startRunningDoubles } from '../doubles/aws-doubles-running';
import { finished, TEST_BASE_IMAGE } from './build';
import { callOrThrow, testCore } from './core';
import { writeProbeProject } from './probe-project';

/**
 * What the publish e2e starts from: the AWS doubles with a Lambda that runs pushed images in the
 * engine, a Skylift data folder holding a profile pointed at them, and a probe project whose
 * aws-lambda image is built and benched locally (the run a cloud bench is compared with).
 */
export interface PublishWorld {
  home: string;
  dataDir: string;
  dir: string;
  name: string;
  doubles: AwsDoubles;
  /** The Lambda double itself: the test holds a new role back (refuseRole) as IAM propagation would. */
  lambda: LambdaDouble;
  close(): Promise<void>;
}

export async function startPublishWorld(name: string): Promise<PublishWorld> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'skylift-e2e-publish-'));
  const dataDir = path.join(home, 'data');
  const dir = writeProbeProject(path.join(home, 'project'), name);
  fs.appendFileSync(path.join(dir, 'skylift.yaml'), 'deployments:\n  prod: { target: aws-lambda, profile: doubles, region: us-east-1, alias: live }\n');
  const docker = new Dockerode();
  // Propagation is held back by the test itself (refuseRole), so it never races the push's duration.
  const running = await startRunningDoubles({}, docker);
  const { doubles, lambda } = running;
  const close = async () => {
    await running.close();
    await removeProjectImages(docker, name);
    fs.rmSync(home, { recursive: true, force: true });
  };
  try {
    await prepareData(dataDir, dir, doubles);
    return { home, dataDir, dir, name, doubles, lambda, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Through the contract, as the UI would: the profile, the aws-lambda build and a small local bench of it. */
async function prepareData(dataDir: string, dir: string, doubles: AwsDoubles): Promise<void> {
  const core = testCore(dataDir);
  try {
    if (!(await core.handlers.profiles.storage({})).secure) await core.handlers.profiles.setFileOptIn({ enabled: true, acknowledgeInsecure: true });
    await callOrThrow(core, 'profiles:add', {
      kind: 'aws-static',
      name: 'doubles',
      region: doubles.region,
      accessKeyId: doubles.key.accessKeyId,
      secretAccessKey: doubles.key.secretAccessKey,
      endpoints: { sts: doubles.sts.url, lambda: doubles.lambda!.url, ecr: doubles.ecr.url, iam: doubles.iam.url },
    });
    const built = await finished(core, core.builds.start({ dir, variant: 'aws-lambda', baseImage: TEST_BASE_IMAGE }));
    if (built.job.state !== 'succeeded') throw new Error(`the aws-lambda build failed: ${built.job.error?.message}`);
    const bench = await callOrThrow<Job>(core, 'bench:start', { dir, variant: 'aws-lambda', load: { mode: 'closed', requests: 20, concurrency: 1 }, warmup: 2, coldStarts: 0 });
    const benched = await core.jobs.wait(bench.id);
    if (benched.state !== 'succeeded') throw new Error(`the local bench failed: ${benched.error?.message}`);
  } finally {
    await core.close();
  }
}

/** The project's image and every reference the pushes and pulls left in the engine. */
async function removeProjectImages(docker: Dockerode, name: string): Promise<void> {
  const images = await docker.listImages({ all: true }).catch(() => []);
  for (const image of images) {
    const refs = [...(image.RepoTags ?? []), ...(image.RepoDigests ?? [])].filter((ref) => ref.includes(name));
    if (refs.length > 0) await docker.getImage(image.Id).remove({ force: true }).catch(() => undefined);
  }
}
