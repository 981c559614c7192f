import fs from 'node:fs';
import path from 'node:path';
import Dockerode from 'dockerode';
import type { BuildResult, Job, JobEvent } from '../../shared/contract';
import type { Core } from '../../main/core/core';

/** The locally made base image (test/env/base-image.sh), since Docker Hub is out of reach. */
export const TEST_BASE_IMAGE = process.env.SKYLIFT_TEST_BASE_IMAGE || 'skylift-test/debian-python:bookworm';

export const docker = new Dockerode();

/** Copies a shipped sample into a temp folder, renamed so parallel tests never share image tags. */
export function copySample(sample: string, into: string, name: string): string {
  const dir = path.join(into, name);
  fs.cpSync(path.resolve('resources/samples', sample), dir, { recursive: true, filter: (src) => !src.includes('__pycache__') });
  const yamlFile = path.join(dir, 'skylift.yaml');
  fs.writeFileSync(yamlFile, fs.readFileSync(yamlFile, 'utf8').replace(/^name: .*$/m, `name: ${name}`));
  return dir;
}

export async function finished(core: Core, job: Job): Promise<{ job: Job; events: JobEvent[]; result?: BuildResult }> {
  const done = await core.jobs.wait(job.id);
  const events = core.jobStore.events(job.id, -1);
  const result = events.find((e) => e.type === 'result') as Extract<JobEvent, { type: 'result' }> | undefined;
  return { job: done, events, result: result?.value as BuildResult | undefined };
}

export async function removeImages(names: string[]): Promise<void> {
  for (const name of names) {
    const labels = (await docker.getImage(name).inspect().catch(() => undefined))?.Config?.Labels ?? {};
    await docker.getImage(name).remove({ force: true }).catch(() => undefined);
    await removeLayersUnder(name, labels['dev.skylift.weights-hash']);
  }
}

/** A built variant's weights image (unless another image still stands on it) and its deps tag. */
async function removeLayersUnder(tag: string, weightsHash: string | undefined): Promise<void> {
  const match = /^skylift\/(.+):([^:]+)$/.exec(tag);
  if (!match) return;
  if (weightsHash) {
    const weights = await docker.listImages({ filters: { reference: [`skylift-weights:${weightsHash.slice(0, 16)}-*`] } });
    for (const image of weights) for (const t of image.RepoTags ?? []) await docker.getImage(t).remove().catch(() => undefined);
  }
  await docker.getImage(`skylift-deps/${match[1]}:${match[2]}`).remove().catch(() => undefined);
}

/** Runs a command in a throwaway container of an image and returns its output. */
export async function runInImage(image: string, cmd: string[]): Promise<{ exitCode: number; output: string }> {
  const container = await docker.createContainer({ Image: image, Entrypoint: cmd.slice(0, 1), Cmd: cmd.slice(1), Labels: { 'dev.skylift.test': 'build' } });
  try {
    await container.start();
    const { StatusCode } = await container.wait();
    const logs = await container.logs({ stdout: true, stderr: true });
    return { exitCode: StatusCode, output: logs.toString('utf8').replace(/[\x00-\x08]/g, '') };
  } finally {
    await container.remove({ force: true });
  }
}
