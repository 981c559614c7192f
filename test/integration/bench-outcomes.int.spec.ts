import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import type { BenchRun } from '../../shared/contract/runs';
import { docker, finished, removeImages, TEST_BASE_IMAGE } from '../helpers/build';
import { skylift } from '../helpers/cli';
import { spawnSkylift, storedBenchSamples } from '../helpers/cli-child';
import { testCore } from '../helpers/core';
import { writeProbeProject } from '../helpers/probe-project';

/** A bench far longer than any test: it ends by cancel, a killed container or a killed process. */
const ENDLESS = { mode: 'closed', requests: 1_000_000, concurrency: 2 } as const;

/** How benches end on a real engine and a real SQLite file, and what their runs say afterwards. */
describe('bench outcomes (real engine)', () => {
  let home: string;
  let core: Core;
  let dir: string;
  const name = `it-bench-${process.pid}`;

  beforeAll(async () => {
    home = fs.mkdtempSync('/tmp/skylift-bench-it-');
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

  const runOf = (jobId: string): BenchRun | undefined => core.runStore.byJob(jobId);
  /** Samples of the job's run that have reached SQLite: while it runs, only what was flushed. */
  const stored = (jobId: string) => {
    const run = runOf(jobId);
    return run ? core.runStore.samples(run.id).length : 0;
  };
  const containersOf = (jobId: string) => docker.listContainers({ all: true, filters: { label: [`dev.skylift.job-id=${jobId}`] } });

  it('stores samples while the bench runs, and a cancel keeps them as a partial cancelled run', async () => {
    const job = core.runService.startBench({ dir, variant: 'local', load: ENDLESS, warmup: 0 });
    await expect.poll(() => stored(job.id), { timeout: 60_000, interval: 100 }).toBeGreaterThan(50);
    expect(runOf(job.id)?.state).toBe('running');
    expect((await core.jobs.cancel(job.id)).state).toBe('cancelled');

    const run = runOf(job.id)!;
    const samples = core.runStore.samples(run.id);
    expect(run).toMatchObject({ state: 'cancelled', failure: null, summary: { partial: true } });
    expect(samples.length).toBeGreaterThan(50);
    expect(samples.length).toBeLessThan(ENDLESS.requests);
    expect(run.summary!.warm!.count).toBe(samples.length);
    expect(run.summary!.warm!.p50Ms).toBeGreaterThan(0);
    expect(await containersOf(job.id)).toEqual([]);
  }, 120_000);

  it('stops a bench whose container is killed, and fails it with the exit code and time, keeping what was measured', async () => {
    const job = core.runService.startBench({ dir, variant: 'local', load: ENDLESS, warmup: 0 });
    await expect.poll(() => stored(job.id), { timeout: 60_000, interval: 100 }).toBeGreaterThan(50);
    const [container] = await containersOf(job.id);
    await docker.getContainer(container.Id).kill({ signal: 'SIGKILL' });

    const done = await core.jobs.wait(job.id);
    expect(done).toMatchObject({ state: 'failed', error: { code: 'CONTAINER_EXITED', message: expect.stringMatching(/exited with code 137 at \d{4}-.*the bench stopped there/) } });
    const run = runOf(job.id)!;
    const samples = core.runStore.samples(run.id);
    expect(run).toMatchObject({ state: 'failed', failure: { code: 'CONTAINER_EXITED', details: { exitCode: 137 } }, summary: { partial: true } });
    expect(run.summary!.warm!.count).toBe(samples.length);
    // Stopped promptly: not the rest of the million, and the refused requests after the last answer
    // span moments, not the bench's length (how many fit in those moments depends on the machine's load).
    expect(samples.length).toBeLessThan(ENDLESS.requests / 2);
    const lastAnswer = Math.max(...samples.filter((s) => s.ok).map((s) => s.tMs));
    const lastSent = Math.max(...samples.map((s) => s.tMs));
    expect(lastSent - lastAnswer).toBeLessThan(5_000);
    expect(await containersOf(job.id)).toEqual([]);
  }, 120_000);

  it('marks a bench whose process was SIGKILLed interrupted at the next start, with the samples that reached the store', async () => {
    const killedHome = path.join(home, 'killed');
    const cli = spawnSkylift(['bench', dir, '--requests', String(ENDLESS.requests), '--concurrency', '2', '--warmup', '0'], { SKYLIFT_HOME: killedHome });
    const countStored = () => storedBenchSamples(killedHome);
    try {
      await expect.poll(countStored, { timeout: 60_000, interval: 100 }).toBeGreaterThan(100);
    } finally {
      await cli.kill();
    }
    const kept = countStored();

    const restarted = testCore(path.resolve(killedHome));
    try {
      const [run] = restarted.runStore.list(10);
      expect(run).toMatchObject({ state: 'interrupted', summary: { partial: true } });
      expect(restarted.runStore.samples(run.id)).toHaveLength(kept);
      expect(run.summary!.warm!.count).toBe(kept);
      expect(restarted.jobStore.get(run.jobId!)?.state).toBe('interrupted');
      expect(await restarted.startupSweep).toHaveLength(1);
    } finally {
      await restarted.close();
    }
  }, 120_000);

  it('starts one Lambda environment per request in flight, and records a Settings cap as requested vs effective', async () => {
    const lambdaBench = (concurrency: number, requests: number) => core.runService.startBench({ dir, variant: 'aws-lambda', load: { mode: 'closed', requests, concurrency }, warmup: 0 });
    const capped = lambdaBench(6, 60);
    expect((await core.jobs.wait(capped.id)).state).toBe('succeeded');
    expect(runOf(capped.id)).toMatchObject({ state: 'complete', environments: { requested: 6, effective: 4, cappedBy: 4 } });
    const log = core.jobStore.events(capped.id, -1).flatMap((e) => (e.type === 'log' ? [e.line] : []));
    expect(log).toContain('Only 4 environments will start, not 6: Settings caps Lambda environments at 4, so requests beyond 4 queue and the latency includes that wait. Raise the cap in Settings to measure 6.');

    core.settings.update({ lambdaMaxEnvironments: 8 });
    const full = lambdaBench(6, 3000);
    await expect.poll(() => core.jobStore.events(full.id, -1).some((e) => e.type === 'step' && e.index === 2), { timeout: 90_000 }).toBe(true);
    const during = await containersOf(full.id);
    expect((await core.jobs.wait(full.id)).state).toBe('succeeded');
    expect(during).toHaveLength(6);
    expect(runOf(full.id)).toMatchObject({ environments: { requested: 6, effective: 6, cappedBy: null } });
    core.settings.update({ lambdaMaxEnvironments: 4 });
  }, 180_000);

  it('CLI: says when the Settings cap starts fewer Lambda environments, and lists the run with requested vs effective', () => {
    const env = { SKYLIFT_HOME: path.join(home, 'cli-cap') };
    const bench = skylift(['bench', dir, '--variant', 'aws-lambda', '--concurrency', '6', '--requests', '30', '--warmup', '0'], env);
    expect(bench.status).toBe(0);
    expect(bench.stderr).toContain('Only 4 environments will start, not 6: Settings caps Lambda environments at 4');
    expect(bench.stdout).toMatch(/^run \S+: complete$/m);
    expect(bench.stdout).toContain('environments: 4 of 6 environments (capped at 4 by Settings');
    expect(skylift(['runs', 'list'], env).stdout).toMatch(/aws-lambda {2}complete {2}4 of 6 env/);
    const json = skylift(['bench', dir, '--variant', 'aws-lambda', '--concurrency', '6', '--requests', '30', '--warmup', '0', '--json'], env);
    expect(json.stderr).toContain('warning: Only 4 environments will start, not 6');
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, value: { run: { state: 'complete', environments: { requested: 6, effective: 4, cappedBy: 4 } } } });
  }, 120_000);

  it('CLI: Ctrl-C keeps what was measured, names the run, and says it is partial', async () => {
    const cliHome = path.join(home, 'cli-cancel');
    const cli = spawnSkylift(['bench', dir, '--requests', String(ENDLESS.requests), '--concurrency', '2', '--warmup', '0'], { SKYLIFT_HOME: cliHome });
    await expect.poll(() => storedBenchSamples(cliHome), { timeout: 60_000, interval: 100 }).toBeGreaterThan(50);
    cli.signal('SIGINT');
    expect(await cli.exited).toEqual({ code: 1, signal: null });
    expect(cli.stderr()).toMatch(/error: Bench cancelled; run \S+ keeps the [\d,]+ requests measured before it \(partial\)\./);
    expect(cli.stderr()).toMatch(/^run \S+: cancelled · partial$/m);
    expect(skylift(['runs', 'list'], { SKYLIFT_HOME: cliHome }).stdout).toContain('cancelled · partial');
  }, 120_000);
});
