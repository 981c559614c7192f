import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImagePruneResult } from '../../shared/contract';
import type { Core } from '../../main/core/core';
import { HOLD_LABEL, holdOwner, sweepLeftoverHolds } from '../../main/core/images/build-hold';
import { docker, finished, removeImages, TEST_BASE_IMAGE } from '../helpers/build';
import { callOrThrow, testCore } from '../helpers/core';
import { usePruneLock } from '../helpers/prune-lock';
import { stallProxy, type StallProxy } from '../helpers/stall-proxy';

/**
 * A prune from another Skylift process or data folder, run while a staged build is between its
 * deps and code parts, removes neither the deps image nor the weights image the build stands on
 * (real engine; the build is paused by holding back its code part's POST /build).
 */
describe('a staged build holds the image it builds on against any prune (real engine)', () => {
  usePruneLock(); // prune is engine-wide: specs that prune take turns
  const stamp = `${process.pid}-${Date.now().toString(36)}`;
  let root: string;
  let other: Core; // another data folder on the same engine: it knows nothing of the build
  const cores: Core[] = [];
  const tags = new Set<string>();
  const myHolds = async () => (await docker.listContainers({ all: true, filters: { label: [`${HOLD_LABEL}=${holdOwner()}`] } })).map((c) => c.Id);
  const exists = (ref: string) => docker.getImage(ref).inspect().then(() => true, () => false);

  /** A project whose deps (its requirements) and weights are unique to this run: nothing else stands on them. */
  function project(name: string): string {
    const dir = path.join(root, name);
    fs.mkdirSync(path.join(dir, 'weights'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'skylift.yaml'), `name: ${name}\npython: "3.11"\nframework: {name: none}\nmodel: model:M\nrequirements: requirements.txt\nweights:\n  - weights/\ntargets:\n  local: {}\n`);
    fs.writeFileSync(path.join(dir, 'requirements.txt'), `# ${name}: no packages, a deps image of its own\n`);
    fs.writeFileSync(path.join(dir, 'model.py'), 'class M:\n    def load(self):\n        pass\n\n    def predict(self, payload):\n        return {}\n');
    fs.writeFileSync(path.join(dir, 'weights', 'w.bin'), randomBytes(8 * 1024));
    tags.add(`skylift/${name}:local`);
    return dir;
  }

  /** A core whose engine is reached through a proxy that holds back the code part of `name`'s build. */
  async function stalledBuild(name: string): Promise<{ core: Core; proxy: StallProxy; job: ReturnType<Core['builds']['start']> }> {
    const dir = project(name);
    const codeTag = `skylift/${name}:local`;
    const proxy = await stallProxy((method, url) => method === 'POST' && url.pathname.endsWith('/build') && url.searchParams.get('t') === codeTag);
    const core = testCore(path.join(root, `home-${name}`), { ...process.env, DOCKER_HOST: `tcp://127.0.0.1:${proxy.port}` });
    cores.push(core);
    const job = core.builds.start({ dir, variant: 'local', baseImage: TEST_BASE_IMAGE });
    await proxy.stalled;
    return { core, proxy, job };
  }

  beforeAll(() => {
    root = fs.mkdtempSync('/tmp/skylift-hold-it-');
    other = testCore(path.join(root, 'home-other'));
  });
  afterAll(async () => {
    for (const core of [other, ...cores]) await core.close();
    await removeImages([...tags]);
    for (const tag of tags) await docker.getImage(tag.replace(/^skylift\//, 'skylift-deps/')).remove({ force: true }).catch(() => undefined);
    fs.rmSync(root, { recursive: true, force: true });
  }, 120_000);

  it('a prune between the deps and code parts removes neither image, says why, and the build then succeeds; no hold is left', async () => {
    const name = `it-hold-ok-${stamp}`;
    const { core, proxy, job } = await stalledBuild(name);
    try {
      const loaded = core.jobStore.events(job.id, -1).map((event) => JSON.stringify(event)).join('\n');
      const weightsTag = /as (skylift-weights:[\w.-]+)/.exec(loaded)?.[1];
      expect(weightsTag).toBeDefined();
      const weightsId = (await docker.getImage(weightsTag!).inspect()).Id;
      const depsId = (await docker.getImage(`skylift-deps/${name}:local`).inspect()).Id;

      const pruned = await callOrThrow<ImagePruneResult>(other, 'images:prune', {});
      expect(await exists(weightsId)).toBe(true);
      expect(await exists(depsId)).toBe(true);
      expect(pruned.removed.map((image) => image.id)).not.toContain(weightsId.slice(7, 19));
      expect(pruned.kept).toContainEqual({ id: weightsId.slice(7, 19), reason: expect.stringContaining('used by a build in progress') });
      // One hold, moved from the deps image to the weights image as the build went on.
      const held = await myHolds();
      expect(held).toHaveLength(1);
      expect((await docker.getContainer(held[0]!).inspect()).Image).toBe(weightsId);

      proxy.pass();
      const { job: done, result } = await finished(core, job);
      expect(done.error).toBeNull();
      expect(result!.variants[0]!.weights!.image).toBe(weightsTag);
      expect(await myHolds()).toEqual([]);
    } finally {
      await proxy.close();
    }
  }, 600_000);

  it('an image removed in the moment before its hold is built again, once, and the build succeeds', async () => {
    const name = `it-hold-gone-${stamp}`;
    const dir = project(name);
    // Hold back the build's first container create (the hold on the deps image) and remove that image meanwhile.
    const proxy = await stallProxy((method, url) => method === 'POST' && url.pathname.endsWith('/containers/create'));
    const core = testCore(path.join(root, `home-${name}`), { ...process.env, DOCKER_HOST: `tcp://127.0.0.1:${proxy.port}` });
    cores.push(core);
    try {
      const job = core.builds.start({ dir, variant: 'local', baseImage: TEST_BASE_IMAGE });
      await proxy.stalled;
      const depsId = (await docker.getImage(`skylift-deps/${name}:local`).inspect()).Id;
      await docker.getImage(depsId).remove({ force: true });
      proxy.pass();
      const { job: done, events } = await finished(core, job);
      expect(done.error).toBeNull();
      expect(events.some((event) => event.type === 'log' && event.line.includes(`${depsId} was removed while this build ran; building it again`))).toBe(true);
      expect(await exists(`skylift-deps/${name}:local`)).toBe(true);
      expect(await myHolds()).toEqual([]);
    } finally {
      await proxy.close();
    }
  }, 600_000);

  it('lets go of its hold when the code part fails', async () => {
    const { core, proxy, job } = await stalledBuild(`it-hold-fail-${stamp}`);
    try {
      expect(await myHolds()).toHaveLength(1);
      proxy.fail();
      const { job: done } = await finished(core, job);
      expect(done.state).toBe('failed');
      expect(await myHolds()).toEqual([]);
    } finally {
      await proxy.close();
    }
  }, 600_000);

  it('lets go of its hold when the build is cancelled', async () => {
    const { core, proxy, job } = await stalledBuild(`it-hold-cancel-${stamp}`);
    try {
      expect(await myHolds()).toHaveLength(1);
      await core.jobs.cancel(job.id);
      // The job ends at once; the build's own unwinding removes the hold moments later.
      const deadline = Date.now() + 30_000;
      while ((await myHolds()).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(await myHolds()).toEqual([]);
    } finally {
      await proxy.close();
    }
  }, 600_000);

  it('a prune that planned to remove a deps image with two tags looks again just before, and keeps it when a build has just taken hold of it', async () => {
    // Two projects' tags on one deps image: removing it needs force, and the engine's force ignores a stopped container.
    const [first, second] = [`skylift-deps/it-hold-a-${stamp}`, `skylift-deps/it-hold-b-${stamp}`];
    const tar = await import('tar-stream');
    const pack = tar.pack();
    pack.entry({ name: 'Dockerfile' }, `FROM ${TEST_BASE_IMAGE}\nLABEL dev.skylift.kind=deps\nENV HOLD_IT=${stamp}\n`);
    pack.finalize();
    await new Promise((resolve, reject) => docker.buildImage(pack as never, { t: `${first}:local` }).then((stream) => docker.modem.followProgress(stream, (error) => (error ? reject(error) : resolve(null))), reject));
    const depsId = (await docker.getImage(`${first}:local`).inspect()).Id;
    await docker.getImage(depsId).tag({ repo: second, tag: 'local' });
    tags.add(`skylift/it-hold-a-${stamp}:local`).add(`skylift/it-hold-b-${stamp}:local`); // afterAll removes their deps tags
    // The prune's core reaches the engine through a proxy that holds back its look-again, while a build takes hold.
    const proxy = await stallProxy((method, url) => method === 'GET' && url.pathname.endsWith('/containers/json') && (url.searchParams.get('filters') ?? '').includes(depsId));
    const pruner = testCore(path.join(root, 'home-pruner'), { ...process.env, DOCKER_HOST: `tcp://127.0.0.1:${proxy.port}` });
    cores.push(pruner);
    let hold: string | undefined;
    try {
      const pruning = callOrThrow<ImagePruneResult>(pruner, 'images:prune', {});
      await Promise.race([proxy.stalled, pruning.then(() => Promise.reject(new Error('the prune ended without looking again')))]);
      hold = (await docker.createContainer({ Image: depsId, Entrypoint: ['/hold'], Labels: { [HOLD_LABEL]: holdOwner() } })).id;
      proxy.pass();
      const pruned = await pruning;
      expect(await exists(depsId)).toBe(true);
      expect((await docker.getImage(depsId).inspect()).RepoTags?.sort()).toEqual([`${first}:local`, `${second}:local`]);
      expect(pruned.kept).toContainEqual({ id: depsId.slice(7, 19), reason: expect.stringContaining('used by a build in progress') });
    } finally {
      if (hold) await docker.getContainer(hold).remove({ force: true }).catch(() => undefined);
      await proxy.close();
    }
  }, 120_000);

  it('sweeps a hold whose process is gone, and only once it is some minutes old; a live process\'s hold stays', async () => {
    const make = async (owner: string) => (await docker.createContainer({ Image: TEST_BASE_IMAGE, Entrypoint: ['/hold'], Labels: { [HOLD_LABEL]: owner } })).id;
    const dead = await make(holdOwner(2 ** 22 + 1)); // above Linux's pid_max default: no such process
    const live = await make(holdOwner());
    try {
      expect(await sweepLeftoverHolds(docker)).not.toContain(dead); // seconds old: a build may be starting
      const swept = await sweepLeftoverHolds(docker, { minAgeMs: 0 });
      expect(swept).toContain(dead);
      expect(swept).not.toContain(live);
      expect(await docker.getContainer(dead).inspect().then(() => true, () => false)).toBe(false);
      expect((await docker.getContainer(live).inspect()).Id).toBe(live);
    } finally {
      for (const id of [dead, live]) await docker.getContainer(id).remove({ force: true }).catch(() => undefined);
    }
  }, 60_000);
});
