import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import type { BenchProgress, JobEvent } from '../../shared/contract';
import { finished, removeImages, TEST_BASE_IMAGE } from '../helpers/build';
import { skylift } from '../helpers/cli';
import { testCore } from '../helpers/core';
import { writeProbeProject } from '../helpers/probe-project';

const benchOf = (events: JobEvent[]): Array<{ at: number; bench: BenchProgress }> =>
  events.flatMap((e) => (e.type === 'progress' && e.bench ? [{ at: Date.parse(e.at), bench: e.bench }] : []));

/** A live line as `skylift bench` prints it off a TTY. */
const LIVE_LINE = /^measuring [\d,]+\/2,000 · \d+\.\d s(, ETA \d+\.\d s)?( · [\d,]+ req\/s)?( · p50 [\d.]+ ms p99 [\d.]+ ms)? · [\d,]+ errors?$/;

/** Live bench numbers on a real engine: the job's typed progress events, and the CLI's live line. */
describe('bench progress (real engine)', () => {
  let home: string;
  let core: Core;
  let dir: string;
  const name = `it-bench-progress-${process.pid}`;

  beforeAll(async () => {
    home = fs.mkdtempSync('/tmp/skylift-bench-progress-it-');
    core = testCore(home);
    dir = writeProbeProject(path.join(home, 'probe'), name);
    expect((await finished(core, core.builds.start({ dir, variant: 'local', baseImage: TEST_BASE_IMAGE }))).job.error).toBeNull();
  }, 300_000);
  afterAll(async () => {
    await core.close();
    await removeImages([`skylift/${name}:local`]);
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('sends done of total, rate, ETA, errors and live p50/p99 at most every ~400 ms, then cold start k/K', async () => {
    const job = core.runService.startBench({ dir, variant: 'local', load: { mode: 'closed', requests: 3_000, concurrency: 2 }, warmup: 5, coldStarts: 1 });
    expect((await core.jobs.wait(job.id)).state).toBe('succeeded');
    const live = benchOf(core.jobStore.events(job.id, -1));
    expect(live[0]!.bench).toMatchObject({ phase: 'warmup', done: 0, total: 3_000 });

    const measuring = live.filter((p) => p.bench.phase === 'measuring');
    const last = measuring.at(-1)!.bench;
    expect(last).toMatchObject({ done: 3_000, total: 3_000, etaMs: 0, errors: 0 });
    expect(measuring.every((p) => p.bench.total === 3_000)).toBe(true);
    for (let i = 1; i < measuring.length; i++) expect(measuring[i]!.bench.done).toBeGreaterThanOrEqual(measuring[i - 1]!.bench.done);
    // Paced by the job's timer (plus the start and the end), not once per answer.
    expect(measuring.length).toBeLessThanOrEqual(Math.ceil(last.elapsedMs / 400) + 3);
    const middle = measuring.find((p) => p.bench.done > 0 && p.bench.done < 3_000);
    if (measuring.length > 2) expect(middle?.bench).toMatchObject({ ratePerSec: expect.any(Number), etaMs: expect.any(Number), p50Ms: expect.any(Number) });

    // The live percentiles agree with the stored run's exact ones (histogram buckets are 1% wide).
    const warm = core.runStore.byJob(job.id)!.summary!.warm!;
    expect(Math.abs(last.p50Ms! - warm.p50Ms) / warm.p50Ms).toBeLessThan(0.02);
    expect(Math.abs(last.p99Ms! - warm.p99Ms) / warm.p99Ms).toBeLessThan(0.02);

    const cold = live.filter((p) => p.bench.phase === 'cold').map((p) => [p.bench.done, p.bench.total]);
    expect(cold).toEqual([[0, 1], [1, 1]]);
    const messages = core.jobStore.events(job.id, -1).flatMap((e) => (e.type === 'progress' ? [e.message] : []));
    expect(messages.filter((m) => m?.startsWith('cold start 1/1 · '))).toHaveLength(2);
  }, 180_000);

  it('CLI: prints live lines with the total on stderr while it measures, and none with --json', () => {
    const env = { SKYLIFT_HOME: path.join(home, 'cli') };
    const bench = skylift(['bench', dir, '--requests', '2000', '--concurrency', '2', '--warmup', '0', '--cold', '0'], env);
    expect(bench.status).toBe(0);
    const lines = bench.stderr.split('\n').filter((l) => l.startsWith('measuring '));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line).toMatch(LIVE_LINE);
    expect(lines.at(-1)).toMatch(/^measuring 2,000\/2,000 · \d+\.\d s, ETA 0\.0 s · .*p50 [\d.]+ ms p99 [\d.]+ ms · 0 errors$/);
    // Off a TTY no carriage returns: a CI log reads line by line.
    expect(bench.stderr).not.toContain('\r');
    expect(bench.stdout).toMatch(/^run \S+: complete$/m);

    const json = skylift(['bench', dir, '--requests', '200', '--concurrency', '2', '--warmup', '0', '--cold', '0', '--json'], env);
    expect(json.status).toBe(0);
    expect(json.stderr).not.toContain('measuring');
  }, 120_000);
});
