import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { finished, removeImages, TEST_BASE_IMAGE } from '../helpers/build';
import { testCore } from '../helpers/core';
import { writeProbeProject } from '../helpers/probe-project';

/** Cost per 1M inferences on local runs: priced where the samples carry Billed Duration (aws-lambda), absent where they do not. */
describe('cost of local bench runs (real engine)', () => {
  let home: string;
  let core: Core;
  let dir: string;
  const name = `it-local-cost-${process.pid}`;

  beforeAll(async () => {
    home = fs.mkdtempSync('/tmp/skylift-local-cost-it-');
    core = testCore(home);
    dir = writeProbeProject(path.join(home, 'probe'), name);
    for (const variant of ['local', 'aws-lambda'] as const) {
      expect((await finished(core, core.builds.start({ dir, variant, baseImage: TEST_BASE_IMAGE }))).job.error).toBeNull();
    }
  }, 300_000);
  afterAll(async () => {
    await core.close();
    await removeImages([`skylift/${name}:local`, `skylift/${name}:aws-lambda`]);
    fs.rmSync(home, { recursive: true, force: true });
  });

  it("prices a local aws-lambda run with skylift.yaml's memory, in us-east-1 without a deployment; no wire overhead locally", async () => {
    const { job } = await finished(core, core.runService.startBench({ dir, variant: 'aws-lambda', load: { mode: 'closed', requests: 10, concurrency: 1 }, warmup: 0, coldStarts: 1 }));
    expect(job.error).toBeNull();
    const run = core.runStore.byJob(job.id)!;
    expect(run.wire).toBeNull();
    // The environment's first request and the forced cold start both carry Init Duration.
    expect(run.cost).toMatchObject({ basis: { samples: 11, coldSamples: 2, memoryMb: 512 }, prices: { region: 'us-east-1', architecture: 'x86_64' } });
    expect(run.cost!.perMillion.total).toBeGreaterThan(run.cost!.perMillion.requests);
  }, 240_000);

  it('stores no cost for an HTTP variant, whose samples carry no Billed Duration', async () => {
    const { job } = await finished(core, core.runService.startBench({ dir, variant: 'local', load: { mode: 'closed', requests: 10, concurrency: 1 }, warmup: 0 }));
    expect(job.error).toBeNull();
    expect(core.runStore.byJob(job.id)).toMatchObject({ state: 'complete', cost: null, wire: null });
  }, 240_000);
});
