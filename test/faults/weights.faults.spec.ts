import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { WEIGHTS_INDEX_FILE } from '../../main/core/build/weights/hash-index';
import type { Core } from '../../main/core/core';
import { docker, finished, removeImages, runInImage, TEST_BASE_IMAGE } from '../helpers/build';
import { testCore } from '../helpers/core';
import { writeProbeProject } from '../helpers/probe-project';
import { engineValve } from './engine-valve';
import { check, expectHandled, probeFault } from './fault-log';
import { checkUserError, ensureWeights, expectedWeights, filesUnder, imagesWithHash, removeWeightsImages, settle } from './weights-world';

const AREA = 'weights';
/** Far past any honest answer for a few MiB of weights: only a hang reaches it. */
const DEADLINE_MS = 20_000;
/** The load's stall deadline in these probes (120 s in the product): a stall must be reported at it. */
const STALL_MS = 2_000;
const MiB = 1024 * 1024;

describe('weights image faults: the engine, the files, the index (real engine)', () => {
  let root: string;
  let dataDir: string;
  let depsId: string;
  let folders = 0;
  const hashes = new Set<string>();

  /** A project folder with these weights files (relative path → bytes); its hash is cleaned up after. */
  function project(files: Record<string, Buffer>): { dir: string; rels: string[] } {
    const dir = path.join(root, `p${folders++}`);
    for (const [rel, bytes] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), bytes);
    }
    const rels = Object.keys(files);
    hashes.add(expectedWeights(dir, rels, depsId).hash);
    return { dir, rels };
  }
  const ensure = (dir: string, rels: readonly string[], more: Partial<Parameters<typeof ensureWeights>[2]> = {}) => ensureWeights(dir, rels, { dataDir, depsImage: TEST_BASE_IMAGE, ...more });

  /** Nothing half-made: no image carries the hash, and building again (engine healthy) makes it. */
  async function checkCleanThenRebuild(dir: string, rels: string[], hash: string): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 500)); // the engine finishes with a cut upload
    check((await imagesWithHash(hash)).length === 0, 'a weights image was left after the failed load');
    const again = await settle(ensure(dir, rels).promise, DEADLINE_MS);
    check(!again.hang && !again.error, `the build afterwards failed: ${String(again.error ?? 'hang')}`);
    check(again.value!.image === expectedWeights(dir, rels, depsId).tag, `the build afterwards made ${again.value!.image}`);
  }

  beforeAll(async () => {
    root = fs.mkdtempSync('/tmp/skylift-weights-faults-');
    dataDir = path.join(root, 'data');
    depsId = (await docker.getImage(TEST_BASE_IMAGE).inspect()).Id;
  });
  afterAll(async () => {
    await removeWeightsImages(hashes);
    fs.rmSync(root, { recursive: true, force: true });
  }, 60_000);

  describe('the engine connection during the load', () => {
    it.each(['close', 'reset'] as const)('dropped (%s) mid-upload: an engine error at once, nothing tagged, a rebuild works', async (how) => {
      const record = await probeFault(AREA, `engine connection ${how} mid-load`, async () => {
        const { dir, rels } = project({ 'w/model.bin': randomBytes(6 * MiB) });
        const valve = await engineValve();
        try {
          const { promise } = ensure(dir, rels, { engine: new Dockerode({ host: '127.0.0.1', port: valve.port }) });
          await valve.pauseAfter(2 * MiB);
          valve.cut(how);
          const outcome = await settle(promise, DEADLINE_MS);
          check(!outcome.hang, `no answer within ${DEADLINE_MS} ms`);
          checkUserError(outcome.error, ['ENGINE_UNREACHABLE', 'WEIGHTS_LOAD_FAILED'], /engine/i);
        } finally {
          await valve.close();
        }
        await checkCleanThenRebuild(dir, rels, expectedWeights(dir, rels, depsId).hash);
      });
      expectHandled(record);
    }, 60_000);

    it('paused mid-upload (nothing moves): WEIGHTS_LOAD_STALLED at the stall deadline, nothing tagged, a rebuild works', async () => {
      const record = await probeFault(AREA, 'engine paused mid-load', async () => {
        // More than loopback's socket buffers hold, so the upload is truly cut off mid-way.
        const { dir, rels } = project({ 'w/model.bin': randomBytes(32 * MiB) });
        const valve = await engineValve();
        try {
          const { promise } = ensure(dir, rels, { engine: new Dockerode({ host: '127.0.0.1', port: valve.port }), loadStallMs: STALL_MS });
          await valve.pauseAfter(2 * MiB);
          const outcome = await settle(promise, DEADLINE_MS);
          check(!outcome.hang, `no answer within ${DEADLINE_MS} ms`);
          checkUserError(outcome.error, ['WEIGHTS_LOAD_STALLED'], /stalled: nothing moved for 2 s\. Nothing was tagged/);
          check(outcome.ms < STALL_MS + 3_000, `reported after ${Math.round(outcome.ms)} ms, not at the ${STALL_MS} ms stall deadline`);
        } finally {
          await valve.close();
        }
        await checkCleanThenRebuild(dir, rels, expectedWeights(dir, rels, depsId).hash);
      });
      expectHandled(record);
    }, 60_000);

    it('paused before the load (the tag lookup): an engine deadline, not a hang', async () => {
      const record = await probeFault(AREA, 'engine paused at the weights tag lookup', async () => {
        const { dir, rels } = project({ 'w/model.bin': randomBytes(64 * 1024) });
        const valve = await engineValve();
        try {
          valve.set('paused');
          const { promise } = ensure(dir, rels, { engine: new Dockerode({ host: '127.0.0.1', port: valve.port }), loadStallMs: STALL_MS });
          const outcome = await settle(promise, DEADLINE_MS);
          check(!outcome.hang, `no answer within ${DEADLINE_MS} ms (an engine call without a deadline)`);
          checkUserError(outcome.error, ['ENGINE_UNREACHABLE'], /did not answer/);
        } finally {
          await valve.close();
        }
      });
      expectHandled(record);
    }, 60_000);

    it('answers held after the whole layer went up: the stall is reported, and the message does not claim what it cannot know', async () => {
      const record = await probeFault(AREA, 'engine answers held after the upload', async () => {
        const { dir, rels } = project({ 'w/model.bin': randomBytes(2 * MiB) });
        const valve = await engineValve();
        try {
          const { promise } = ensure(dir, rels, { engine: new Dockerode({ host: '127.0.0.1', port: valve.port }), loadStallMs: STALL_MS, onLog: (line) => line.startsWith('weights: loading layer') && valve.set('answers-held') });
          const outcome = await settle(promise, DEADLINE_MS);
          check(!outcome.hang, `no answer within ${DEADLINE_MS} ms`);
          const shown = checkUserError(outcome.error, ['WEIGHTS_LOAD_STALLED', 'ENGINE_UNREACHABLE'], /stalled|did not answer/);
          await new Promise((resolve) => setTimeout(resolve, 1_000));
          const { hash, tag } = expectedWeights(dir, rels, depsId);
          const tagged = (await imagesWithHash(hash)).length > 0;
          check(!(tagged && /Nothing was tagged/.test(shown.message)), `the message says "Nothing was tagged" but the engine tagged ${tag}`);
        } finally {
          await valve.close();
        }
        const { hash } = expectedWeights(dir, rels, depsId);
        const again = await settle(ensure(dir, rels).promise, DEADLINE_MS);
        check(!again.hang && !again.error, `the build afterwards failed: ${String(again.error ?? 'hang')}`);
        check((await imagesWithHash(hash)).length === 1, 'not exactly one weights image afterwards');
      });
      expectHandled(record);
    }, 60_000);
  });

  describe('a weights file changing between its listing and its read', () => {
    const mutations: Array<[string, (file: string) => void, RegExp]> = [
      ['grows (a download still running)', (f) => fs.appendFileSync(f, randomBytes(MiB)), /changed while its weights layer was being written/],
      ['shrinks', (f) => fs.truncateSync(f, 1000), /changed while its weights layer was being written/],
      ['is replaced by a FIFO', (f) => (fs.rmSync(f), execFileSync('mkfifo', [f])), /is no longer a regular file \(a named pipe \(FIFO\)\)/],
      ['is replaced by a folder', (f) => (fs.rmSync(f), fs.mkdirSync(f)), /is no longer a regular file \(a folder\)/],
      ['is replaced by a symlink loop', (f) => (fs.rmSync(f), fs.symlinkSync(path.basename(f), f)), /can't be read \(a symlink loop\)/],
    ];

    it.each(mutations)('%s while the layer is written: WEIGHTS_CHANGED naming it, nothing tagged', async (name, mutate, words) => {
      const record = await probeFault(AREA, `weights file ${name} mid-load`, async () => {
        const { dir, rels } = project({ 'w/a.bin': randomBytes(MiB), 'w/b.bin': randomBytes(2 * MiB) });
        const { hash } = expectedWeights(dir, rels, depsId);
        const { promise } = ensure(dir, rels, { loadStallMs: 10_000, onStep: (step) => step.startsWith('write the weights layer') && mutate(path.join(dir, 'w/b.bin')) });
        const outcome = await settle(promise, DEADLINE_MS);
        check(!outcome.hang, `no answer within ${DEADLINE_MS} ms`);
        check(outcome.ms < 9_000, `took ${Math.round(outcome.ms)} ms: waited for a stall deadline instead of seeing the file`);
        checkUserError(outcome.error, ['WEIGHTS_CHANGED'], new RegExp(`w/b\\.bin[\\s\\S]*${words.source}`));
        check((await imagesWithHash(hash)).length === 0, 'a weights image was made from the changing file');
      });
      expectHandled(record);
    }, 60_000);

    it('replaced by a FIFO while only the changed files are hashed (the index vouches for the rest): WEIGHTS_CHANGED, not a hang', async () => {
      const record = await probeFault(AREA, 'weights file replaced by a FIFO while hashed', async () => {
        const { dir, rels } = project({ 'w/a.bin': randomBytes(64 * 1024), 'w/b.bin': randomBytes(64 * 1024) });
        await new Promise((resolve) => setTimeout(resolve, 250)); // past the index's racy window
        const first = await settle(ensure(dir, rels).promise, DEADLINE_MS);
        check(!first.error && !first.hang, `the first build failed: ${String(first.error)}`);
        fs.writeFileSync(path.join(dir, 'w/b.bin'), randomBytes(64 * 1024));
        hashes.add(expectedWeights(dir, rels, depsId).hash);
        const b = path.join(dir, 'w/b.bin');
        const { promise } = ensure(dir, rels, { onStep: (step) => step.startsWith('hash 1 changed') && (fs.rmSync(b), execFileSync('mkfifo', [b])) });
        const outcome = await settle(promise, DEADLINE_MS);
        check(!outcome.hang, `no answer within ${DEADLINE_MS} ms`);
        checkUserError(outcome.error, ['WEIGHTS_CHANGED'], /w\/b\.bin is no longer a regular file/);
      });
      expectHandled(record);
    }, 60_000);

    // Unreadable (chmod 000) is not probed: these tests run as root, whose CAP_DAC_OVERRIDE reads any
    // mode, so no file here can be made unreadable without a second user. Its path (the open fails)
    // is the one the folder and symlink-loop cases above take.
  });

  describe('a corrupt, huge or hostile weights-index.json in the data folder', () => {
    const cases: Array<[string, (file: string) => void, RegExp | null]> = [
      ['garbage bytes', (f) => fs.writeFileSync(f, randomBytes(4096)), /set aside \(it is not valid JSON\)/],
      ['truncated mid-entry', (f) => fs.writeFileSync(f, '{"version":1,"entries":{"/x":{"size":1,'), /set aside \(it is not valid JSON\)/],
      ['wrong types', (f) => fs.writeFileSync(f, JSON.stringify({ version: 1, entries: { '/x': { size: 'big', sha256: 7 } } })), /set aside \(it is not a weights index/],
      ['1 MB of nesting', (f) => fs.writeFileSync(f, `${'['.repeat(MiB / 2)}${']'.repeat(MiB / 2)}`), /set aside \(it is not a weights index/],
      ['a proto-polluting key', (f) => fs.writeFileSync(f, '{"version":1,"entries":{"__proto__":{"size":1,"mtimeMs":1,"ctimeMs":1,"ino":1,"sha256":"' + '0'.repeat(64) + '","hashedAt":1}}}'), null],
      ['an entry for a path outside the project', (f) => fs.writeFileSync(f, JSON.stringify({ version: 1, entries: { '/etc/passwd': { size: 1, mtimeMs: 1, ctimeMs: 1, ino: 1, sha256: '0'.repeat(64), hashedAt: 9e15 } } })), null],
      ['100 MB', (f) => fs.writeFileSync(f, `{"version":1,"entries":{},"pad":"${'x'.repeat(100 * MiB)}"}`), /set aside \(it is 100\.0 MiB/],
      ['a FIFO', (f) => execFileSync('mkfifo', [f]), /set aside \(it is not a regular file \(a named pipe \(FIFO\)\)\)/],
      ['a folder', (f) => fs.mkdirSync(f), /set aside \(it is not a regular file \(a folder\)\)/],
    ];

    it.each(cases)('%s: the build hashes the weights again and succeeds, and a sound index is written', async (name, write, words) => {
      const record = await probeFault(AREA, `weights index: ${name}`, async () => {
        const own = fs.mkdtempSync(path.join(root, 'data-'));
        const file = path.join(own, WEIGHTS_INDEX_FILE);
        write(file);
        const { dir, rels } = project({ 'w/a.bin': randomBytes(64 * 1024) });
        const { run, promise } = ensureWeights(dir, rels, { dataDir: own, depsImage: TEST_BASE_IMAGE });
        const outcome = await settle(promise, DEADLINE_MS);
        check(!outcome.hang, `no answer within ${DEADLINE_MS} ms`);
        check(!outcome.error, `the build failed: ${String((outcome.error as Error)?.message ?? outcome.error)}`);
        check(outcome.value!.image === expectedWeights(dir, rels, depsId).tag, `made ${outcome.value!.image}`);
        if (words) check(run.logs.some((line) => words.test(line)), `the log does not say ${words}: ${run.logs.join(' | ').slice(0, 400)}`);
        check(!JSON.stringify(outcome.value).includes('passwd'), 'an index entry outside the project reached the result');
        if (fs.statSync(file).isFile()) {
          const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: Record<string, unknown> };
          check(Object.hasOwn(saved.entries, path.join(dir, 'w/a.bin')), 'the index was not rewritten with the weights file');
          check(fs.statSync(file).size < MiB, 'the rewritten index kept the padding');
        }
        check(({} as Record<string, unknown>).size === undefined, 'Object.prototype was polluted');
      });
      expectHandled(record);
    }, 60_000);
  });

  it('the same weights in two folders built at once: one image, both builds name it', async () => {
    const record = await probeFault(AREA, 'two builds of the same weights at once', async () => {
      const bytes = randomBytes(3 * MiB);
      const one = project({ 'w/m.bin': bytes });
      const two = project({ 'w/m.bin': bytes });
      const [a, b] = await Promise.all([settle(ensure(one.dir, one.rels).promise, DEADLINE_MS), settle(ensure(two.dir, two.rels).promise, DEADLINE_MS)]);
      for (const outcome of [a, b]) check(!outcome.hang && !outcome.error, `a build failed: ${String((outcome.error as Error)?.message ?? 'hang')}`);
      check(a.value!.image === b.value!.image && a.value!.layerDigest === b.value!.layerDigest, `two images: ${a.value!.image} ${b.value!.image}`);
      check((await imagesWithHash(expectedWeights(one.dir, one.rels, depsId).hash)).length === 1, 'not exactly one weights image');
      const index = JSON.parse(fs.readFileSync(path.join(dataDir, WEIGHTS_INDEX_FILE), 'utf8')) as { entries: Record<string, unknown> };
      check(Object.hasOwn(index.entries, path.join(one.dir, 'w/m.bin')) || Object.hasOwn(index.entries, path.join(two.dir, 'w/m.bin')), 'the index holds neither build');
    });
    expectHandled(record);
  }, 60_000);

  it('odd names (spaces, unicode, 250-byte paths, tar-like names, a newline) land in the image exactly as named', async () => {
    const record = await probeFault(AREA, 'weights with odd names', async () => {
      const long = `${'d'.repeat(120)}/${'é'.repeat(60)}.bin`; // > 100 bytes: a ustar prefix split is impossible, so a PAX path
      const names = ['w/with space.bin', 'w/ünïcødé ✓.bin', `w/${long}`, 'w/PaxHeader', 'w/./x'.replace('/./', '/dot-'), 'w/..x', 'w/-rf', 'w/back\\slash', 'w/new\nline', 'w/x'.padEnd(250 - 1, 'y')];
      const files = Object.fromEntries(names.map((name, i) => [name, Buffer.from(`file ${i}\n`)]));
      const { dir } = project(files);
      const rels = filesUnder(dir);
      const outcome = await settle(ensure(dir, rels).promise, DEADLINE_MS);
      check(!outcome.hang && !outcome.error, `the build failed: ${String((outcome.error as Error)?.message ?? 'hang')}`);
      const listing = await runInImage(outcome.value!.image, ['python3', '-c', 'import os, json; print(json.dumps(sorted(os.path.relpath(os.path.join(r, f), "/app") + "=" + open(os.path.join(r, f)).read() for r, _, fs in os.walk("/app") for f in fs)))']);
      check(listing.exitCode === 0, `listing failed: ${listing.output.slice(0, 300)}`);
      const seen = JSON.parse(listing.output.slice(listing.output.indexOf('['))) as string[]; // after the log stream's frame header
      const wanted = rels.map((rel) => `${rel}=${fs.readFileSync(path.join(dir, rel), 'utf8')}`).sort();
      check(JSON.stringify(seen) === JSON.stringify(wanted), `the image holds ${JSON.stringify(seen).slice(0, 500)}`);
    });
    expectHandled(record);
  }, 60_000);
});

describe('the weights image removed between the tag check and the code build (real engine, whole build)', () => {
  let home: string;
  let core: Core;
  const name = `flt-weights-gone-${process.pid}`;
  let untagAt: ((head: string) => void) | null = null;
  let valve: Awaited<ReturnType<typeof engineValve>>;

  beforeAll(async () => {
    home = fs.mkdtempSync('/tmp/skylift-weights-gone-');
    valve = await engineValve('/var/run/docker.sock', { beforeRequest: (head) => untagAt?.(head) });
    core = testCore(path.join(home, 'data'), { ...process.env, DOCKER_HOST: `tcp://127.0.0.1:${valve.port}` });
  });
  afterAll(async () => {
    await core.close();
    await valve.close();
    await removeImages([`skylift/${name}:local`]);
    fs.rmSync(home, { recursive: true, force: true });
  }, 60_000);

  it('the code build finds it gone: the weights image is made again and the build succeeds, no error', async () => {
    const record = await probeFault(AREA, 'weights image removed before the code build', async () => {
      const dir = writeProbeProject(path.join(home, 'p'), name);
      fs.mkdirSync(path.join(dir, 'weights'));
      fs.writeFileSync(path.join(dir, 'weights', 'w.bin'), randomBytes(256 * 1024));
      fs.appendFileSync(path.join(dir, 'skylift.yaml'), 'weights:\n  - weights/\n');
      const first = await finished(core, core.builds.start({ dir, variant: 'local', baseImage: TEST_BASE_IMAGE }));
      check(!first.job.error, `the first build failed: ${first.job.error?.message}`);
      const tag = first.result!.variants[0].weights!.image;
      fs.appendFileSync(path.join(dir, 'model.py'), '# a code change\n');
      let builds = 0;
      let untagged = false;
      untagAt = (head) => {
        // The second build request is the code part's (the first is the deps part's): untag just before the engine reads its FROM.
        // -f: the tag goes even while a build's hold container stands on the image (as another tool's `docker rmi -f` would).
        if (/^POST \/[^ ]*build\?/.test(head) && ++builds === 2) untagged = spawnSync('docker', ['rmi', '-f', tag], { encoding: 'utf8' }).status === 0;
      };
      const second = await settle(finished(core, core.builds.start({ dir, variant: 'local', baseImage: TEST_BASE_IMAGE })), 120_000);
      untagAt = null;
      check(builds >= 2 && untagged, `only ${builds} build requests seen, untagged: ${untagged}`);
      check(!second.hang, 'the build hung');
      const { job, events, result } = second.value!;
      check(!job.error, `the build failed: ${job.error?.code} ${job.error?.message}`);
      check(events.some((e) => e.type === 'log' && e.line.includes('was removed while this build ran; building it again')), 'the rebuild of the removed part was not said');
      check(result!.variants[0].weights!.image === tag, `the weights image is now ${result!.variants[0].weights!.image}`);
      await docker.getImage(tag).inspect();
    });
    expectHandled(record);
  }, 240_000);
});
