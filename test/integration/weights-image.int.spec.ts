import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltVariant, JobEvent } from '../../shared/contract';
import type { Core } from '../../main/core/core';
import { WEIGHTS_INDEX_FILE } from '../../main/core/build/weights/hash-index';
import { weightsHash } from '../../main/core/build/weights/weights-hash';
import { docker, finished, removeImages, runInImage, TEST_BASE_IMAGE } from '../helpers/build';
import { testCore } from '../helpers/core';

/** The weights layer for real: reused on a code change, rebuilt on a weights change, shared and reproducible. */
describe('weights image (real engine)', () => {
  const id = `${process.pid}`;
  let root: string;
  let home: string;
  let core: Core;
  const projects: string[] = [];
  const weightsTags = new Set<string>();

  function writeProject(name: string): string {
    const dir = path.join(root, name);
    fs.mkdirSync(path.join(dir, 'weights'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'skylift.yaml'), `name: ${name}\npython: "3.11"\nframework: {name: none}\nmodel: model:M\nweights:\n  - weights/\ntargets:\n  local: {}\n`);
    fs.writeFileSync(
      path.join(dir, 'model.py'),
      'import hashlib, os\n\n\nclass M:\n    def load(self):\n        self.files = sorted(os.listdir("weights"))\n        self.a = hashlib.sha256(open("weights/a.bin", "rb").read()).hexdigest()\n\n    def predict(self, payload):\n        return {"files": self.files, "a": self.a}\n',
    );
    projects.push(name);
    return dir;
  }

  async function build(dir: string, on: Core = core): Promise<{ built: BuiltVariant; events: JobEvent[] }> {
    const { job, events, result } = await finished(on, on.builds.start({ dir, variant: 'local', baseImage: TEST_BASE_IMAGE }));
    expect(job.error).toBeNull();
    const built = result!.variants[0];
    if (built.weights) weightsTags.add(built.weights.image);
    return { built, events };
  }
  const logText = (events: JobEvent[]) => events.flatMap((e) => (e.type === 'log' ? [e.line] : [])).join('\n');
  const imageId = async (ref: string) => (await docker.getImage(ref).inspect()).Id;

  let dir: string;
  let first: BuiltVariant;
  const aBytes = randomBytes(3 * 1024 * 1024 + 17);
  const bBytes = randomBytes(1024);

  beforeAll(async () => {
    root = fs.mkdtempSync('/tmp/skylift-weights-it-');
    home = path.join(root, 'home');
    core = testCore(home);
    dir = writeProject(`it-weights-${id}`);
    fs.writeFileSync(path.join(dir, 'weights', 'a.bin'), aBytes);
    fs.writeFileSync(path.join(dir, 'weights', 'b.bin'), bBytes);
    first = (await build(dir)).built;
  }, 300_000);

  afterAll(async () => {
    await core.close();
    await removeImages(projects.map((name) => `skylift/${name}:local`));
    for (const tag of weightsTags) await docker.getImage(tag).remove().catch(() => undefined);
    fs.rmSync(root, { recursive: true, force: true });
  }, 120_000);

  it('writes the weights as one layer, reports it, and the image still runs the model with them', async () => {
    expect(first.weights).toMatchObject({ image: expect.stringMatching(/^skylift-weights:[0-9a-f]{16}-[0-9a-f]{12}$/), layerDigest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), files: 2, bytes: aBytes.length + 1024, reused: false });
    const weightsImage = await docker.getImage(first.weights!.image).inspect();
    expect(weightsImage.RootFS.Layers!.at(-1)).toBe(first.weights!.layerDigest);
    expect(weightsImage.Config.Labels).toMatchObject({ 'dev.skylift.kind': 'weights', 'dev.skylift.weights-hash': expect.stringMatching(/^[0-9a-f]{64}$/) });
    // The code image stands on the weights image: its layers are the weights image's, then the code's.
    const code = await docker.getImage(first.tag).inspect();
    expect(code.RootFS.Layers!.slice(0, weightsImage.RootFS.Layers!.length)).toEqual(weightsImage.RootFS.Layers);
    expect(code.Config.Labels).toMatchObject({ 'dev.skylift.kind': 'variant', 'dev.skylift.project': `it-weights-${id}` });

    const { job } = await finished(core, core.runService.startInvoke({ dir, variant: 'local', payload: '{}' }));
    const answer = core.jobStore.events(job.id, -1).find((e) => e.type === 'result') as { value: { ok: boolean; body: string } } | undefined;
    expect(job.error).toBeNull();
    expect(JSON.parse(answer!.value.body)).toEqual({ files: ['a.bin', 'b.bin'], a: createHash('sha256').update(aBytes).digest('hex') });
  }, 120_000);

  it('rebuilds a code-only change without touching the weights image, and the code image changes', async () => {
    const weightsId = await imageId(first.weights!.image);
    fs.appendFileSync(path.join(dir, 'model.py'), '# a code-only change\n');
    const { built, events } = await build(dir);
    expect(built.weights).toEqual({ ...first.weights, reused: true });
    expect(await imageId(built.weights!.image)).toBe(weightsId);
    expect(built.imageId).not.toBe(first.imageId);
    const log = logText(events);
    expect(log).toContain(`weights: reused ${first.weights!.image} (2 files, 3.0 MiB)`);
    expect(log).not.toContain('writing the weights layer');
    expect(log).toMatch(/code: context \d+ files, (\d+ B|\d+\.\d KiB) \(/); // the code context carries no weights (3 MiB)
    expect(events.some((e) => e.type === 'step' && e.name.startsWith('code: '))).toBe(true);
  }, 300_000);

  it('notices a changed byte, a deleted file and a renamed file: each is a new weights image and layer', async () => {
    const seen = new Set([first.weights!.layerDigest]);
    const a = path.join(dir, 'weights', 'a.bin');
    const b = path.join(dir, 'weights', 'b.bin');
    const changed = Buffer.from(aBytes);
    changed[12345] ^= 0xff;
    const changes = [() => fs.writeFileSync(a, changed), () => fs.rmSync(b), () => fs.renameSync(a, path.join(dir, 'weights', 'a2.bin'))];
    for (const change of changes) {
      change();
      const { built } = await build(dir);
      expect(built.weights!.reused).toBe(false);
      expect(seen.has(built.weights!.layerDigest)).toBe(false);
      seen.add(built.weights!.layerDigest);
      expect((await docker.getImage(built.weights!.image).inspect()).RootFS.Layers!.at(-1)).toBe(built.weights!.layerDigest);
    }
    // Back to the first weights: every file was rewritten, so they are read again, and land on the first weights image.
    const firstImageId = await imageId(first.weights!.image);
    fs.renameSync(path.join(dir, 'weights', 'a2.bin'), a);
    fs.writeFileSync(a, aBytes);
    fs.writeFileSync(b, bBytes);
    const { built } = await build(dir);
    expect(built.weights).toEqual({ ...first.weights, reused: false });
    expect(await imageId(built.weights!.image)).toBe(firstImageId);
  }, 300_000);

  it('shares one weights image between two project folders with the same weights (their times and modes differ)', async () => {
    const other = writeProject(`it-weights-b-${id}`);
    fs.copyFileSync(path.join(dir, 'weights', 'a.bin'), path.join(other, 'weights', 'a.bin'));
    fs.copyFileSync(path.join(dir, 'weights', 'b.bin'), path.join(other, 'weights', 'b.bin'));
    fs.chmodSync(path.join(other, 'weights', 'b.bin'), 0o600);
    const { built } = await build(other);
    expect(built.weights!.image).toBe(first.weights!.image);
    expect(built.weights!.layerDigest).toBe(first.weights!.layerDigest);
    expect(await imageId(built.tag)).not.toBe(await imageId(first.tag));
  }, 300_000);

  it('gives the same layer digest after the weights image is gone, and from another data folder', async () => {
    await removeImages(projects.map((name) => `skylift/${name}:local`)); // the images on the weights image, then it
    await expect(docker.getImage(first.weights!.image).inspect()).rejects.toMatchObject({ statusCode: 404 });
    const otherHome = path.join(root, 'home-2');
    const otherCore = testCore(otherHome);
    try {
      const { built, events } = await build(dir, otherCore);
      expect(built.weights).toEqual({ ...first.weights, reused: false });
      expect(logText(events)).toContain(`weights: loading layer ${first.weights!.layerDigest} as ${first.weights!.image}`);
      expect((await docker.getImage(first.weights!.image).inspect()).RootFS.Layers!.at(-1)).toBe(first.weights!.layerDigest);
    } finally {
      await otherCore.close();
    }
    // This data folder's index still vouches for the files: the image the other folder loaded is reused.
    expect((await build(dir)).built.weights).toEqual({ ...first.weights, reused: true });
  }, 300_000);

  it('recovers from a corrupt weights index: it hashes again, builds, and writes a good index', async () => {
    const indexFile = path.join(home, WEIGHTS_INDEX_FILE);
    fs.writeFileSync(indexFile, '{"version": 1, "entries": {"/x": ');
    const { built, events } = await build(dir);
    expect(logText(events)).toContain('the weights index was set aside (it is not valid JSON)');
    expect(built.weights!.layerDigest).toBe(first.weights!.layerDigest);
    expect(() => JSON.parse(fs.readFileSync(indexFile, 'utf8'))).not.toThrow();
    expect((await build(dir)).built.weights).toEqual({ ...first.weights, reused: true });
  }, 300_000);

  it('builds an ejected Dockerfile as one build, the weights in its context (no weights image)', async () => {
    const ejected = writeProject(`it-weights-ejected-${id}`);
    fs.writeFileSync(path.join(ejected, 'weights', 'a.bin'), 'ejected weights');
    fs.mkdirSync(path.join(ejected, '.skylift'));
    fs.writeFileSync(path.join(ejected, '.skylift', 'Dockerfile.local'), `FROM ${TEST_BASE_IMAGE}\nCOPY weights/ /app/\nCOPY app/ /app/\nWORKDIR /app\n`);
    const { built, events } = await build(ejected);
    expect(built.weights).toBeNull();
    expect(logText(events)).not.toContain('weights: ');
    expect(logText(events)).toMatch(/^context: \d+ files/m);
    const listing = await runInImage(built.tag, ['/bin/cat', '/app/weights/a.bin']);
    expect(listing.output).toContain('ejected weights');
  }, 300_000);

  it('cancels while the weights layer loads, leaving no weights image behind', async () => {
    const big = writeProject(`it-weights-cancel-${id}`);
    const file = path.join(big, 'weights', 'big.bin');
    fs.writeFileSync(file, randomBytes(64));
    fs.truncateSync(file, 768 * 1024 ** 2); // sparse: big to stream, cheap to make
    const job = core.builds.start({ dir: big, variant: 'local', baseImage: TEST_BASE_IMAGE });
    await expect.poll(() => core.jobStore.events(job.id, -1).some((e) => e.type === 'progress' && e.message?.startsWith('weights: ')), { timeout: 120_000, interval: 20 }).toBe(true);
    await core.jobs.cancel(job.id);
    const done = await core.jobs.wait(job.id);
    expect(done.state).toBe('cancelled');
    const hash = weightsHash([{ name: 'app/weights/big.bin', mode: 0o644, size: fs.statSync(file).size, sha256: createHash('sha256').update(fs.readFileSync(file)).digest('hex') }]);
    expect(await docker.listImages({ filters: { reference: [`skylift-weights:${hash.slice(0, 16)}-*`] } })).toEqual([]);
  }, 300_000);
});
