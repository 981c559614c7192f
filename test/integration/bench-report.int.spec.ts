import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { readJobResult } from '../../shared/contract';
import { docker, finished, removeImages, TEST_BASE_IMAGE } from '../helpers/build';
import { testCore } from '../helpers/core';
import { writeProbeProject } from '../helpers/probe-project';

/** A local aws-lambda bench on a real engine: what Lambda's REPORT says reaches every stored sample. */
describe('Lambda REPORT numbers in bench runs (real engine)', () => {
  let home: string;
  let core: Core;
  let dir: string;
  const name = `it-report-${process.pid}`;

  beforeAll(async () => {
    home = fs.mkdtempSync('/tmp/skylift-report-it-');
    core = testCore(home);
    dir = writeProbeProject(path.join(home, 'probe'), name);
    expect((await finished(core, core.builds.start({ dir, variant: 'aws-lambda', baseImage: TEST_BASE_IMAGE }))).job.error).toBeNull();
  }, 300_000);
  afterAll(async () => {
    await core.close();
    await removeImages([`skylift/${name}:aws-lambda`]);
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('stores Init Duration, Billed Duration and Max Memory Used per sample, the local target and the image digest', async () => {
    const { job, events } = await finished(core, core.runService.startBench({ dir, variant: 'aws-lambda', load: { mode: 'closed', requests: 12, concurrency: 1 }, warmup: 0, coldStarts: 2 }));
    expect(job.error).toBeNull();
    const result = readJobResult('bench', events);
    expect(result?.summary.cold?.count).toBe(2);
    const run = core.runStore.get(result!.runId)!;
    const imageId = (await docker.getImage(`skylift/${name}:aws-lambda`).inspect()).Id;
    // Never pushed: no repo digest, so the run names the image by its id, and says so.
    expect(run).toMatchObject({ target: { kind: 'local', variant: 'aws-lambda' }, runKind: 'bench', imageDigest: { digest: imageId, source: 'image-id' } });
    expect(core.runStore.withDigest(imageId).map((r) => r.id)).toContain(run.id);

    const samples = core.runStore.samples(run.id);
    const warm = samples.filter((s) => !s.cold);
    const cold = samples.filter((s) => s.cold);
    expect(warm).toHaveLength(12);
    for (const s of samples) {
      // Lambda bills whole milliseconds, at least the Duration it reports.
      expect(Number.isInteger(s.billedDurationMs)).toBe(true);
      expect(s.billedDurationMs!).toBeGreaterThanOrEqual(Math.floor(s.serverDurationMs!));
    }
    // The environment's first invocation carries its Init Duration (started before the bench); later ones none.
    expect(warm[0].initDurationMs).toBeGreaterThan(0);
    expect(warm.slice(1).every((s) => s.initDurationMs === null)).toBe(true);
    // No memory read per warm request (it would sit inside the measured time).
    expect(warm.every((s) => s.maxMemoryUsedMb === null)).toBe(true);
    for (const s of cold) {
      expect(s.initDurationMs).toBeGreaterThan(0);
      expect(s.maxMemoryUsedMb).toBeGreaterThan(1);
      expect(s.maxMemoryUsedMb).toBeLessThanOrEqual(1024);
      expect(Number.isInteger(s.maxMemoryUsedMb)).toBe(true);
    }

    const csv = (await core.dispatch('runs:export', { runId: run.id, format: 'csv' })) as { value: { content: string } };
    const rows = csv.value.content.trim().split('\n').map((line) => line.split(','));
    const column = (header: string) => rows[0].indexOf(header);
    const coldRow = rows.find((row) => row[column('cold')] === 'true')!;
    expect(Number(coldRow[column('init_duration_ms')])).toBe(cold[0].initDurationMs);
    expect(Number(coldRow[column('billed_duration_ms')])).toBe(cold[0].billedDurationMs);
    expect(Number(coldRow[column('max_memory_used_mb')])).toBe(cold[0].maxMemoryUsedMb);
  }, 240_000);
});
