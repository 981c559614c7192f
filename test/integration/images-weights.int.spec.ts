import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltVariant, ImageList, SkyliftImage } from '../../shared/contract';
import type { Core } from '../../main/core/core';
import { docker, finished, removeImages, TEST_BASE_IMAGE } from '../helpers/build';
import { skylift } from '../helpers/cli';
import { callOrThrow, testCore } from '../helpers/core';
import { usePruneLock } from '../helpers/prune-lock';

/** Weights and deps images on the Images list, in delete and in prune: two projects sharing tiny weights, on the real engine. */
describe('images: weights and deps images (real engine)', () => {
  usePruneLock(); // prune is engine-wide: specs that prune take turns
  const a = `it-imgw-${process.pid}`;
  const b = `it-imgw-${process.pid}-copy`;
  let root: string;
  let core: Core;
  const made = new Set<string>();
  const weights = randomBytes(6 * 1024); // a few KiB, unique to this run: no other spec's weights image is the same
  let builtA: BuiltVariant;
  let builtB: BuiltVariant;

  function writeProject(name: string): string {
    const dir = path.join(root, name);
    fs.mkdirSync(path.join(dir, 'weights'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'skylift.yaml'), `name: ${name}\npython: "3.11"\nframework: {name: none}\nmodel: model:M\nweights:\n  - weights/\ntargets:\n  local: {}\n`);
    fs.writeFileSync(path.join(dir, 'model.py'), 'class M:\n    def load(self):\n        pass\n\n    def predict(self, payload):\n        return {}\n');
    fs.writeFileSync(path.join(dir, 'weights', 'w.bin'), weights);
    return dir;
  }
  async function build(dir: string): Promise<BuiltVariant> {
    const { job, result } = await finished(core, core.builds.start({ dir, variant: 'local', baseImage: TEST_BASE_IMAGE }));
    expect(job.error).toBeNull();
    const built = result!.variants[0]!;
    made.add(built.imageId);
    made.add(built.weights!.image);
    return built;
  }
  const list = () => callOrThrow<ImageList>(core, 'images:list', {});
  const row = (listed: ImageList, id: string): SkyliftImage | undefined => listed.images.find((image) => image.id === id);
  const idOf = async (ref: string) => (await docker.getImage(ref).inspect()).Id;
  const exists = (ref: string) => docker.getImage(ref).inspect().then(() => true, () => false);

  beforeAll(async () => {
    root = fs.mkdtempSync('/tmp/skylift-imgw-it-');
    core = testCore(path.join(root, 'home'));
    builtA = await build(writeProject(a));
    builtB = await build(writeProject(b));
  }, 600_000);
  afterAll(async () => {
    await core?.close();
    await removeImages([`skylift/${a}:local`, `skylift/${b}:local`, ...made]);
    for (const tag of [`skylift-deps/${a}:local`, `skylift-deps/${b}:local`]) await docker.getImage(tag).remove({ force: true }).catch(() => undefined);
    fs.rmSync(root, { recursive: true, force: true });
  }, 120_000);

  it('lists the shared weights image once, as a weights layer with its digest, own bytes and both projects; the deps image with both', async () => {
    expect(builtB.weights!.image).toBe(builtA.weights!.image); // the same weights on the same deps: one image
    const listed = await list();
    const weightsRow = row(listed, await idOf(builtA.weights!.image))!;
    expect(weightsRow).toMatchObject({ kind: 'weights', tags: [builtA.weights!.image], weightsLayer: builtA.weights!.layerDigest, project: null });
    expect(weightsRow.dependents.map((d) => d.name).sort()).toEqual([`${a} (local)`, `${b} (local)`]);
    // The layer tar of one 6 KiB file: the bytes plus tar headers, not the image's whole size.
    expect(weightsRow.ownBytes).toBeGreaterThanOrEqual(weights.length);
    expect(weightsRow.ownBytes).toBeLessThan(weights.length + 16 * 1024);
    expect(weightsRow.sizeBytes).toBeGreaterThan(weightsRow.ownBytes * 10);
    expect(Date.now() - Date.parse(weightsRow.createdAt!)).toBeLessThan(30 * 60_000); // loaded now, not the layer's fixed date

    const depsRow = row(listed, await idOf(`skylift-deps/${a}:local`))!;
    expect(depsRow.kind).toBe('deps');
    expect(depsRow.forProjects).toEqual(expect.arrayContaining([`${a} (local)`, `${b} (local)`]));
    // Projects with the same requirements on the same base share one deps image (other specs' too).
    expect(depsRow.dependents.map((d) => d.name)).toEqual(expect.arrayContaining([`${a} (local)`, `${b} (local)`]));
    const codeRow = row(listed, builtA.imageId)!;
    expect(codeRow).toMatchObject({ kind: 'code', project: a, variant: 'local', dependents: [] });
    // A code image's own bytes are its code layers: the weights under it are the weights image's.
    expect(codeRow.ownBytes).toBeLessThan(codeRow.sizeBytes - weightsRow.ownBytes);
    expect(listed.prunable.images.map((image) => image.id)).not.toContain(weightsRow.id.slice(7, 19));
  });

  it('deleting one project\'s image leaves the shared weights and deps images, and says who still uses them', async () => {
    const weightsId = (await idOf(builtA.weights!.image)).slice(7, 19);
    const deleted = skylift(['images', 'rm', `skylift/${b}:local`], { SKYLIFT_HOME: path.join(root, 'home') });
    expect(deleted.stderr).toBe('');
    expect(deleted.stdout).toContain(`Deleted skylift/${b}:local: skylift/${b}:local`);
    expect(deleted.stdout).toContain(`kept ${builtA.weights!.image} (${weightsId}): stays: ${a} (local) is built on it too`);
    expect(deleted.stdout).toMatch(new RegExp(`^kept skylift-deps/\\S+ \\([0-9a-f]{12}\\): stays: .*${a} \\(local\\)`, 'm'));
    expect(await exists(builtA.weights!.image)).toBe(true);
    // skylift images rm says the same: deleting A's image would leave nothing on the weights image, so it is refused there instead.
    const cli = skylift(['images', 'rm', builtA.weights!.image], { SKYLIFT_HOME: path.join(root, 'home') });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain(`error: ${builtA.weights!.image} is used by ${a} (local), which is built on it, so it was not deleted.`);
    expect(cli.stderr).toContain('hint: Delete those images first; prune then removes it with them.');
    await expect(callOrThrow(core, 'images:delete', { id: builtA.weights!.image })).rejects.toThrow(`IMAGE_IN_USE: ${builtA.weights!.image} is used by ${a} (local), which is built on it, so it was not deleted.`);
  }, 120_000);

  it('after a weights change and rebuild, prune removes the older build and the weights image nothing is built on; a container holds both until it goes', async () => {
    fs.writeFileSync(path.join(root, a, 'weights', 'w.bin'), randomBytes(5 * 1024));
    const rebuilt = await build(path.join(root, a));
    expect(rebuilt.weights!.image).not.toBe(builtA.weights!.image);
    const oldWeights = await idOf(builtA.weights!.image);
    const listed = await list();
    const planned = listed.prunable.images.filter((image) => [oldWeights, builtA.imageId].some((id) => id.slice(7, 19) === image.id));
    expect(planned.map((image) => image.why).sort()).toEqual([`an older build of ${a} (local)`, `weights layer ${builtA.weights!.layerDigest.slice(0, 19)}… that no Skylift image is built on any more`]);
    expect(row(listed, await idOf(rebuilt.weights!.image))!.dependents.map((d) => d.name)).toEqual([`${a} (local)`]);

    // The CLI says the same: the weights images as weights layers, and what prune would remove.
    const cli = skylift(['images'], { SKYLIFT_HOME: path.join(root, 'home') }); // list is the default
    expect(cli.status).toBe(0);
    expect(cli.stdout).toMatch(new RegExp(`^weights layer ${rebuilt.weights!.layerDigest.slice(0, 19)}… · [\\d.]+ KiB · (just now|\\d+ minutes? ago) · used by: ${a} \\(local\\)$`, 'm'));
    expect(cli.stdout).toMatch(new RegExp(`^weights layer ${builtA.weights!.layerDigest.slice(0, 19)}… · [\\d.]+ KiB · (just now|\\d+ minutes? ago) · used by no image: prune removes it once no build holds it$`, 'm'));
    expect(cli.stdout).toContain('A weights layer is stored once on disk');
    expect(cli.stdout).toMatch(/^On disk: [\d.]+ [KMG]iB for Skylift's images \(each layer counted once; layers a base image also holds not counted\)\.$/m);
    expect(cli.stdout).toContain(`  ${oldWeights.slice(7, 19)}  ${builtA.weights!.image}: weights layer ${builtA.weights!.layerDigest.slice(0, 19)}… that no Skylift image is built on any more`);

    const holder = await docker.createContainer({ Image: builtA.imageId, Cmd: ['true'] });
    try {
      const held = await callOrThrow<{ removed: Array<{ id: string }>; kept: Array<{ id: string; reason: string }> }>(core, 'images:prune', {});
      expect(held.kept).toContainEqual({ id: builtA.imageId.slice(7, 19), reason: `used by a created container ${holder.id.slice(0, 12)}` });
      expect(await exists(oldWeights)).toBe(true);
    } finally {
      await holder.remove({ force: true });
    }
    const pruning = skylift(['images', 'prune', '--json'], { SKYLIFT_HOME: path.join(root, 'home') });
    expect(pruning.status).toBe(0);
    const pruned = JSON.parse(pruning.stdout).value as { removed: Array<{ id: string; name: string; sizeBytes: number }>; reclaimedBytes: number };
    const ours = pruned.removed.filter((image) => [oldWeights, builtA.imageId].some((id) => id.slice(7, 19) === image.id));
    expect(ours.map((image) => image.name).sort()).toEqual([`an older build of ${a} (local)`, builtA.weights!.image].sort());
    expect(pruned.reclaimedBytes).toBeGreaterThanOrEqual(ours.reduce((sum, image) => sum + image.sizeBytes, 0));
    expect(await exists(oldWeights)).toBe(false);
    expect(await exists(builtA.imageId)).toBe(false);
    for (const ref of [rebuilt.weights!.image, `skylift/${a}:local`, `skylift-deps/${a}:local`]) expect(await exists(ref)).toBe(true);
  }, 300_000);
});
