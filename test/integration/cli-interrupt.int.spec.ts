import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { RUN_LABEL } from '../../main/core/run/labels';
import { docker, finished, removeImages, TEST_BASE_IMAGE } from '../helpers/build';
import { skylift } from '../helpers/cli';
import { spawnSkylift, storedBenchSamples } from '../helpers/cli-child';
import { testCore } from '../helpers/core';
import { writeProbeProject } from '../helpers/probe-project';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A second Ctrl-C used to kill the CLI (exit 130, no message) while it was removing containers and
 * storing what was measured: `process.once('SIGINT', …)` left the default handler for the next one.
 */
describe('CLI: Ctrl-C twice (real engine, built CLI)', () => {
  let home: string;
  let core: Core;
  let dir: string;
  const name = `it-sigint-${process.pid}`;

  beforeAll(async () => {
    home = fs.mkdtempSync('/tmp/skylift-sigint-it-');
    core = testCore(path.join(home, 'data'));
    dir = writeProbeProject(path.join(home, 'probe'), name);
    expect((await finished(core, core.builds.start({ dir, variant: 'local', baseImage: TEST_BASE_IMAGE }))).job.error).toBeNull();
  }, 300_000);
  afterAll(async () => {
    await core.close();
    await removeImages([`skylift/${name}:local`]);
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('bench: the run ends cancelled with what was measured, the CLI says once it is still stopping, exits 1, and leaves no container', async () => {
    const cliHome = path.join(home, 'cli');
    const cli = spawnSkylift(['bench', dir, '--requests', '1000000', '--concurrency', '2', '--warmup', '0'], { SKYLIFT_HOME: cliHome });
    await expect.poll(() => storedBenchSamples(cliHome), { timeout: 60_000, interval: 100 }).toBeGreaterThan(50);

    for (let i = 0; i < 3; i++) {
      cli.signal('SIGINT');
      await sleep(50);
    }
    expect(await cli.exited).toEqual({ code: 1, signal: null });
    expect(cli.stderr().match(/Still stopping: removing containers and saving what was measured…/g)).toHaveLength(1);
    expect(cli.stderr()).toMatch(/error: Bench cancelled; run \S+ keeps the [\d,]+ requests measured before it \(partial\)\./);
    expect(skylift(['runs', 'list'], { SKYLIFT_HOME: cliHome }).stdout).toContain('cancelled · partial');
    expect(await docker.listContainers({ all: true, filters: { label: [`${RUN_LABEL.project}=${name}`] } })).toEqual([]);
  }, 120_000);
});
