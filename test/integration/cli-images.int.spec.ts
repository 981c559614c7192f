import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchRun, ImageList, ImagePruneResult } from '../../shared/contract';
import type { Core } from '../../main/core/core';
import { findBuiltImage } from '../../main/core/run/session-factory';
import { requireProject } from '../../main/core/project/project-files';
import { realTags } from '../../main/core/images/image-labels';
import { copySample, docker, finished, removeImages, TEST_BASE_IMAGE } from '../helpers/build';
import { skylift } from '../helpers/cli';
import { callOrThrow, testCore } from '../helpers/core';
import { usePruneLock } from '../helpers/prune-lock';

/** Two copies of one sample (same name, two folders), built on the real engine. */
describe('images: two copies of a sample, list, rm, prune (real engine)', () => {
  usePruneLock(); // prune is engine-wide: specs that prune take turns
  // One world for the whole file (useTempDir's folders go after each test).
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'skylift-images-'));
  const name = `it-images-${process.pid}`;
  const tag = `skylift/${name}:local`;
  let core: Core;
  let home: string;
  let first: string;
  let second: string;
  const strays: string[] = [];
  let olderBuild = '';

  beforeAll(() => {
    home = path.join(root, 'home');
    core = testCore(home);
    first = copySample('numpy-classifier', path.join(root, 'a'), name);
    second = copySample('numpy-classifier', path.join(root, 'b'), name);
  });
  afterAll(async () => {
    await core?.close();
    await removeImages([tag, olderBuild, ...strays].filter(Boolean));
    fs.rmSync(root, { recursive: true, force: true });
  });

  const build = async (dir: string) => {
    const done = await finished(core, core.builds.start({ dir, variant: 'local', baseImage: TEST_BASE_IMAGE }));
    expect(done.job.state).toBe('succeeded');
    return done;
  };
  const list = () => callOrThrow<ImageList>(core, 'images:list', {});

  it('a copy with the same name says whose image the tag holds, at build and at run', async () => {
    olderBuild = (await build(first)).result!.variants[0].imageId;
    const theirs = await findBuiltImage(docker, requireProject(second).config, 'local', second).catch((e: unknown) => e);
    expect(theirs).toMatchObject({ code: 'IMAGE_FROM_OTHER_FOLDER' });
    expect((theirs as Error).message).toContain(`${tag} was built from ${first}, not from ${second}`);
    // skylift.yaml given instead of its folder is the same project.
    await expect(findBuiltImage(docker, requireProject(first).config, 'local', path.join(first, 'skylift.yaml'))).resolves.toMatchObject({ tag });

    const second_ = await build(second);
    // The first folder's image lost its tag: dangling, still labelled, what prune is for.
    expect(realTags(await docker.getImage(olderBuild).inspect())).toEqual([]);
    expect(second_.events.some((e) => e.type === 'log' && e.line.includes(`${tag} was built from ${first}, another project with the same name`))).toBe(true);
    await expect(findBuiltImage(docker, requireProject(first).config, 'local', first)).rejects.toMatchObject({ code: 'IMAGE_FROM_OTHER_FOLDER' });
    await expect(findBuiltImage(docker, requireProject(second).config, 'local', second)).resolves.toMatchObject({ tag });
  }, 600_000);

  it('lists the image with its folder, size, age and the runs that used it; the older build is prunable', async () => {
    const imageId = (await docker.getImage(tag).inspect()).Id;
    core.runStore.insert(benchRun('run-of-image', second, imageId));
    const listed = await list();
    const ours = listed.images.filter((image) => image.project === name);
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatchObject({ id: imageId, tags: [tag], projectDir: second, variant: 'local', runs: [{ id: 'run-of-image' }], usedBy: [] });
    expect(ours[0].sizeBytes).toBeGreaterThan(1_000_000);
    expect(Date.now() - Date.parse(ours[0].createdAt!)).toBeLessThan(15 * 60_000);
    expect(listed.prunable.count).toBeGreaterThanOrEqual(1); // the first folder's build, its tag moved on

    const cli = skylift(['images', 'list'], { SKYLIFT_HOME: home });
    expect(cli.status).toBe(0);
    expect(cli.stdout).toMatch(new RegExp(`${tag}  [0-9a-f]{12}  [\\d.]+ MiB  (just now|\\d+ minutes? ago)  1 run \\(run-of-i\\)\\n    from ${second}`));
  });

  it('prune removes dangling Skylift images only: labelled older builds and stopped builds, never other dangling images', async () => {
    const stopped = await buildUntagged(`FROM ${TEST_BASE_IMAGE}\nENV SKYLIFT_MODEL=model.py\n`);
    const foreign = await buildUntagged(`FROM ${TEST_BASE_IMAGE}\nENV SOMEONE_ELSE=${process.pid}\n`);
    strays.push(stopped, foreign);
    const dangling = (await docker.listImages({ filters: { dangling: ['true'] } })).map((i) => i.Id);
    expect(dangling).toEqual(expect.arrayContaining([olderBuild, stopped, foreign]));

    const cli = skylift(['images', 'prune', '--json'], { SKYLIFT_HOME: home });
    expect(cli.status).toBe(0);
    const result = JSON.parse(cli.stdout).value as ImagePruneResult;
    const removedIds = result.removed.map((r) => r.id);
    expect(removedIds).toEqual(expect.arrayContaining([olderBuild.slice(7, 19), stopped.slice(7, 19)]));
    expect(result.removed.find((r) => r.id === stopped.slice(7, 19))?.why).toBe('left by a stopped build');
    expect(removedIds).not.toContain(foreign.slice(7, 19));
    await expect(docker.getImage(foreign).inspect()).resolves.toMatchObject({ Id: foreign });
    await expect(docker.getImage(stopped).inspect()).rejects.toMatchObject({ statusCode: 404 });
    await expect(docker.getImage(tag).inspect()).resolves.toBeTruthy();
  }, 120_000);

  it('rm refuses while a container uses the image, with the container and job; deletes it after', async () => {
    const container = await docker.createContainer({ Image: tag, Cmd: ['true'], Labels: { 'dev.skylift.job-id': 'job-holding-it' } });
    try {
      const refused = skylift(['images', 'rm', tag], { SKYLIFT_HOME: home });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(`error: ${tag} is used by a created container ${container.id.slice(0, 12)} (Skylift job job-holding-it), so it was not deleted.`);
      expect(refused.stderr).toMatch(/^hint: Stop the test session or bench/m);
    } finally {
      await container.remove({ force: true });
    }
    const other = skylift(['images', 'rm', TEST_BASE_IMAGE], { SKYLIFT_HOME: home });
    expect(other.stderr).toContain('was not built by Skylift');
    const deleted = skylift(['images', 'rm', tag], { SKYLIFT_HOME: home });
    expect(deleted.stderr).toBe('');
    expect(deleted.stdout).toContain(`Deleted ${tag}: ${tag}`);
    await expect(docker.getImage(tag).inspect()).rejects.toMatchObject({ statusCode: 404 });
    expect((await list()).images.filter((image) => image.project === name)).toEqual([]);
  }, 120_000);
});

async function buildUntagged(dockerfile: string): Promise<string> {
  const tar = await import('tar-stream');
  const pack = tar.pack();
  pack.entry({ name: 'Dockerfile' }, dockerfile);
  pack.finalize();
  const stream = (await docker.buildImage(pack as unknown as NodeJS.ReadableStream, { version: '1' } as never)) as unknown as NodeJS.ReadableStream;
  const output = (await new Promise((resolve, reject) => docker.modem.followProgress(stream, (error, out) => (error ? reject(error) : resolve(out))))) as Array<{ aux?: { ID: string } }>;
  const id = output.find((line) => line.aux?.ID)?.aux?.ID;
  if (!id) throw new Error(`untagged build made no image: ${JSON.stringify(output)}`);
  return id;
}

function benchRun(id: string, dir: string, imageId: string): BenchRun {
  return {
    id, jobId: null, project: 'p', projectDir: dir, variant: 'local', target: { kind: 'local', variant: 'local' }, runKind: 'bench',
    imageDigest: null, imageId, imageTag: null,
    settings: { dir, variant: 'local', load: { mode: 'closed', requests: 1, concurrency: 1 }, warmup: 0, coldStarts: 0, payloads: [] },
    summary: null, state: 'complete', createdAt: new Date().toISOString(), environments: null, failure: null, wire: null, cost: null,
  } as BenchRun;
}
