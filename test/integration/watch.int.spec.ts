import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import type { WatchStatus } from '../../shared/contract/watch';
import { finished, TEST_BASE_IMAGE } from '../helpers/build';
import { callOrThrow, testCore } from '../helpers/core';
import { containersOfJob, removeProjectImages, versionAt, writeModel, writeVersionedProject } from './watch-helpers';

/** Watch mode on the real engine: real files saved, real rebuilds, real containers swapped behind one address. */
describe('watch mode (real engine)', () => {
  let core: Core;
  let home: string;
  let dir: string;
  const name = `it-watch-${process.pid}`;

  beforeAll(async () => {
    home = fs.mkdtempSync('/tmp/skylift-watch-it-');
    core = testCore(home);
    dir = writeVersionedProject(path.join(home, 'probe'), name);
    // Built with a build option: the rebuild must find it (the image does not record its base).
    expect((await finished(core, core.builds.start({ dir, variant: 'local', baseImage: TEST_BASE_IMAGE }))).job.error).toBeNull();
  }, 300_000);
  afterAll(async () => {
    await core.close();
    await removeProjectImages(name);
    fs.rmSync(home, { recursive: true, force: true });
  });

  // A failed test must not leave its run watching the folder the next test saves into.
  afterEach(async () => {
    for (const job of core.jobStore.list(50)) if (job.kind === 'run' && core.jobs.isActive(job.id)) await core.jobs.cancel(job.id);
  });

  /** model.py back at v1, built: each test starts from the same image. */
  async function buildV1(): Promise<void> {
    writeModel(dir, 'v1');
    expect((await finished(core, core.builds.start({ dir, variant: 'local', baseImage: TEST_BASE_IMAGE }))).job.error).toBeNull();
  }

  const status = (jobId: string) => callOrThrow<WatchStatus>(core, 'run:watchStatus', { jobId });
  const buildJobs = () => core.jobStore.list(500).filter((job) => job.kind === 'build');
  async function startWatching(): Promise<{ jobId: string; address: string }> {
    await buildV1();
    const job = core.runService.startRun({ dir, variant: 'local', watch: true });
    await expect.poll(() => core.jobStore.events(job.id, -1).some((e) => e.type === 'step'), { timeout: 60_000 }).toBe(true);
    const { address } = await callOrThrow<{ address: string }>(core, 'run:health', { jobId: job.id });
    expect(await versionAt(address)).toBe('v1');
    return { jobId: job.id, address };
  }

  it('a saved change makes the same address answer with the new code; the old container is gone and the timings are reported', async () => {
    const { jobId, address } = await startWatching();
    const [before] = await containersOfJob(jobId);
    writeModel(dir, 'v2');
    await expect.poll(() => versionAt(address), { timeout: 90_000, interval: 200 }).toBe('v2');
    await expect.poll(async () => (await containersOfJob(jobId)).map((c) => c.Id), { timeout: 30_000 }).not.toContain(before!.Id);
    expect(await containersOfJob(jobId)).toHaveLength(1);
    const watched = await status(jobId);
    expect(watched).toMatchObject({ enabled: true, swaps: 1, error: null, lastSwap: { rebuildMs: expect.any(Number), loadMs: expect.any(Number), totalMs: expect.any(Number) } });
    expect(watched.lastSwap!.totalMs).toBeGreaterThanOrEqual(watched.lastSwap!.rebuildMs + watched.lastSwap!.loadMs);
    // The swap is the run's next step (the CLI prints it), and Try it reaches the new container too.
    const steps = core.jobStore.events(jobId, -1).filter((e) => e.type === 'step').map((e) => (e as { name: string }).name);
    expect(steps[1]).toMatch(/^rebuilt in \d+\.\d s · model loaded in \d+\.\d s · answering \d+\.\d s after save$/);
    const tried = await callOrThrow<{ body: string }>(core, 'run:invoke', { jobId, payload: '{}' });
    expect(JSON.parse(tried.body)).toMatchObject({ version: 'v2' });
    // The rebuild was the Build step's own job, with the base image the first build was given.
    const rebuilt = core.jobStore.get(watched.lastSwap!.buildJobId);
    expect(rebuilt).toMatchObject({ kind: 'build', state: 'succeeded' });
    expect(core.jobStore.events(rebuilt!.id, -1).some((e) => e.type === 'log' && e.line.includes(TEST_BASE_IMAGE))).toBe(true);
    await core.jobs.cancel(jobId);
    expect(await containersOfJob(jobId)).toEqual([]);
  }, 240_000);

  it('a broken save keeps the old container answering and reports the error; the fix after it swaps', async () => {
    const { jobId, address } = await startWatching();
    writeModel(dir, 'v-broken', true);
    await expect.poll(async () => (await status(jobId)).error, { timeout: 90_000, interval: 200 }).not.toBeNull();
    const failed = await status(jobId);
    expect(failed.swaps).toBe(0);
    expect(failed.error!.message).toMatch(/SyntaxError|failed to load|exited/i);
    // In watch mode saving the fix is the fix: the hint says so, not "build again".
    expect(failed.error!.hint).toMatch(/saving the fix rebuilds it/);
    expect(failed.error!.hint).not.toMatch(/build again\.$/);
    expect(await versionAt(address)).toBe('v1');
    const log = core.jobStore.events(jobId, -1).filter((e) => e.type === 'log').map((e) => (e as { line: string }).line);
    expect(log.some((line) => line.startsWith('Rebuild on save:') && line.includes('The previous version keeps serving'))).toBe(true);
    await expect.poll(async () => (await containersOfJob(jobId)).length, { timeout: 30_000 }).toBe(1); // the broken one was removed
    writeModel(dir, 'v3');
    await expect.poll(() => versionAt(address), { timeout: 90_000, interval: 200 }).toBe('v3');
    expect(await status(jobId)).toMatchObject({ swaps: 1, error: null });
    await core.jobs.cancel(jobId);
    expect(await containersOfJob(jobId)).toEqual([]);
  }, 300_000);

  /** Random bytes, written in 16 MiB pieces (not sparse: the build copies every byte). */
  function writeBallast(file: string, bytes: number): void {
    const piece = randomBytes(16 * 1024 ** 2);
    const fd = fs.openSync(file, 'w');
    for (let written = 0; written < bytes; written += piece.length) fs.writeSync(fd, piece, 0, Math.min(piece.length, bytes - written));
    fs.closeSync(fd);
  }

  it('three quick writes make one rebuild; a save during a rebuild queues exactly one more', async () => {
    const { jobId, address } = await startWatching();
    const builds = buildJobs().length;
    // The saves below must land while a rebuild runs. A code-only rebuild can take 0.3 s here, less
    // than the three bursts: a 256 MiB code file (in the first burst) makes each rebuild copy it.
    const ballast = path.join(dir, 'ballast.bin');
    writeBallast(ballast, 256 * 1024 ** 2);
    for (const version of ['a1', 'a2', 'a3']) {
      writeModel(dir, version);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    await expect.poll(async () => (await status(jobId)).state, { timeout: 30_000, interval: 20 }).toBe('building');
    expect(buildJobs().length).toBe(builds + 1);
    for (const version of ['b1', 'b2', 'b3']) {
      writeModel(dir, version);
      await new Promise((resolve) => setTimeout(resolve, 300)); // each past the debounce: three bursts during one rebuild
    }
    await expect.poll(() => versionAt(address), { timeout: 120_000, interval: 200 }).toBe('b3');
    await expect.poll(async () => (await status(jobId)).state, { timeout: 60_000 }).toBe('watching');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(buildJobs().length).toBe(builds + 2);
    expect((await status(jobId)).swaps).toBe(2);
    await core.jobs.cancel(jobId);
    fs.rmSync(ballast);
  }, 300_000);

  it('Stop during a rebuild cancels it and leaves no container, old or new', async () => {
    const { jobId } = await startWatching();
    writeModel(dir, 'v-stopped');
    await expect.poll(async () => (await status(jobId)).state, { timeout: 30_000, interval: 20 }).toBe('building');
    const buildJobId = (await status(jobId)).buildJobId!;
    expect((await core.jobs.cancel(jobId)).state).toBe('cancelled');
    expect(await containersOfJob(jobId)).toEqual([]);
    expect((await core.jobs.wait(buildJobId)).state).toBe('cancelled');
    await new Promise((resolve) => setTimeout(resolve, 500)); // a late save finds no watcher
    writeModel(dir, 'v-after');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await containersOfJob(jobId)).toEqual([]);
  }, 240_000);

  it('Stop while the new container is loading removes it and the old one', async () => {
    const { jobId } = await startWatching();
    writeModel(dir, 'v-loading');
    await expect.poll(async () => (await status(jobId)).state, { timeout: 90_000, interval: 10 }).toBe('starting');
    await core.jobs.cancel(jobId);
    expect(await containersOfJob(jobId)).toEqual([]);
  }, 240_000);

  it('turns on and off through run.watch on a run started without it', async () => {
    await buildV1();
    const job = core.runService.startRun({ dir, variant: 'local' });
    await expect.poll(() => core.jobStore.events(job.id, -1).some((e) => e.type === 'step'), { timeout: 60_000 }).toBe(true);
    expect(await status(job.id)).toMatchObject({ enabled: false, state: 'off' });
    expect(await callOrThrow<WatchStatus>(core, 'run:watch', { jobId: job.id, enabled: true })).toMatchObject({ enabled: true, state: 'watching' });
    expect(await callOrThrow<WatchStatus>(core, 'run:watch', { jobId: job.id, enabled: false })).toMatchObject({ enabled: false, state: 'off' });
    const builds = buildJobs().length;
    writeModel(dir, 'v-off');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(buildJobs().length).toBe(builds); // off means off
    await core.jobs.cancel(job.id);
  }, 120_000);
});
