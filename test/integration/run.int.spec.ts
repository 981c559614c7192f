import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { finished, removeImages, docker, TEST_BASE_IMAGE } from '../helpers/build';
import { testCore } from '../helpers/core';
import { writeProbeProject } from '../helpers/probe-project';

type Answer = { ok: boolean; status: number | string; body: string; report?: string; functionError?: string; serverDurationMs: number | null };

/** Built variants run for real on the engine, under each target's protocol. */
describe('local runs (real engine)', () => {
  let core: Core;
  let home: string;
  let dir: string;
  let broken: string;
  const name = `it-probe-${process.pid}`;
  const brokenName = `it-broken-${process.pid}`;

  beforeAll(async () => {
    home = fs.mkdtempSync('/tmp/skylift-run-it-');
    core = testCore(home);
    dir = writeProbeProject(path.join(home, 'probe'), name, { timeoutSeconds: 2 });
    broken = writeProbeProject(path.join(home, 'broken'), brokenName, { model: 'ProbeBrokenLoad' });
    for (const [project, variant] of [[dir, 'all'], [broken, 'aws-lambda']] as const) {
      const built = await finished(core, core.builds.start({ dir: project, variant, baseImage: TEST_BASE_IMAGE }));
      expect(built.job.error).toBeNull();
    }
  }, 300_000);
  afterAll(async () => {
    await core.close();
    await removeImages([...['local', 'aws-lambda', 'azure-functions'].map((v) => `skylift/${name}:${v}`), `skylift/${brokenName}:aws-lambda`]);
    fs.rmSync(home, { recursive: true, force: true });
  });

  const invoke = async (project: string, variant: 'local' | 'aws-lambda' | 'azure-functions', payload: unknown) => {
    const { job } = await finished(core, core.runService.startInvoke({ dir: project, variant, payload: JSON.stringify(payload) }));
    const result = core.jobStore.events(job.id, -1).find((e) => e.type === 'result');
    return { job, answer: (result as { value: Answer } | undefined)?.value };
  };
  const containersOf = async (jobId: string) => docker.listContainers({ all: true, filters: { label: [`dev.skylift.job-id=${jobId}`] } });

  it('runs the local variant on loopback, answers Try it with /health READY, and cancel removes the container', async () => {
    const job = core.runService.startRun({ dir, variant: 'local' });
    await expect.poll(() => core.jobStore.events(job.id, -1).some((e) => e.type === 'step'), { timeout: 60_000 }).toBe(true);
    const health = await core.dispatch('run:health', { jobId: job.id });
    expect(health).toMatchObject({ ok: true, value: { address: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/predict$/), health: { status: 'READY', device: 'cpu' } } });
    const answer = await core.dispatch('run:invoke', { jobId: job.id, payload: '{"a": 1}' });
    expect(answer).toMatchObject({ ok: true, value: { ok: true, status: 200, serverDurationMs: expect.any(Number) } });
    expect(JSON.parse((answer as { value: Answer }).value.body)).toEqual({ echo: { a: 1 } });
    expect(await containersOf(job.id)).toHaveLength(1);
    expect((await core.jobs.cancel(job.id)).state).toBe('cancelled');
    expect(await containersOf(job.id)).toHaveLength(0);
  }, 120_000);

  it('serves the Azure custom-handler route', async () => {
    const { answer } = await invoke(dir, 'azure-functions', { via: 'azure' });
    expect(answer).toMatchObject({ ok: true, status: 200 });
    expect(JSON.parse(answer!.body)).toEqual({ echo: { via: 'azure' } });
  }, 60_000);

  it('drives Lambda through the Runtime API: success with a REPORT line, Init Duration on the cold start', async () => {
    const { answer } = await invoke(dir, 'aws-lambda', { via: 'lambda' });
    expect(answer).toMatchObject({ ok: true, status: 200 });
    expect(JSON.parse(answer!.body)).toEqual({ echo: { via: 'lambda' } });
    expect(answer!.report).toMatch(/^REPORT RequestId: [0-9a-f-]{36}\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 512 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms$/);
  }, 60_000);

  it('reports a handler error as Lambda does (Unhandled), and a timeout', async () => {
    const failed = await invoke(dir, 'aws-lambda', { raise: 'bad input shape' });
    expect(failed.answer).toMatchObject({ ok: false, status: 'Unhandled' });
    expect(JSON.parse(failed.answer!.body)).toMatchObject({ errorMessage: expect.stringContaining('bad input shape'), errorType: 'ValueError' });
    const slow = await invoke(dir, 'aws-lambda', { sleep: 5 });
    expect(slow.answer).toMatchObject({ ok: false, status: 'timeout' });
    expect(slow.answer!.body).toMatch(/Task timed out after 2\.\d\d seconds/);
  }, 60_000);

  it('reports an init error, and refuses a payload over 6 MB before it reaches the function', async () => {
    const init = await invoke(broken, 'aws-lambda', {});
    expect(init.answer).toMatchObject({ ok: false, status: 'init-error' });
    expect(init.answer!.body).toContain('weights are missing');
    const big = await invoke(dir, 'aws-lambda', { blob: 'x'.repeat(6 * 1024 * 1024) });
    expect(big.job.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  }, 60_000);

  it('benches the local variant, stores every sample and the cold starts apart, and exports CSV', async () => {
    const { job, result } = await finished(core, core.runService.startBench({ dir, variant: 'local', load: { mode: 'closed', requests: 40, concurrency: 2 }, warmup: 5, coldStarts: 1 }));
    expect(job.error).toBeNull();
    const { runId, summary } = result as unknown as { runId: string; summary: { warm: { count: number; p50Ms: number }; cold: { count: number }; coldSetupMs: number[] } };
    expect(summary.warm.count).toBe(40);
    expect(summary.warm.p50Ms).toBeGreaterThan(0);
    expect(summary.cold.count).toBe(1);
    expect(summary.coldSetupMs).toHaveLength(1);
    const samples = core.runStore.samples(runId);
    expect(samples).toHaveLength(41);
    expect(samples.filter((s) => s.cold)).toHaveLength(1);
    const csv = await core.dispatch('runs:export', { runId, format: 'csv' });
    const lines = (csv as { value: { content: string } }).value.content.trim().split('\n');
    expect(lines[0]).toBe('seq,t_ms,latency_ms,ok,status,cold,server_duration_ms,init_duration_ms,billed_duration_ms,max_memory_used_mb');
    expect(lines).toHaveLength(42);
    expect(core.runStore.get(runId)).toMatchObject({ state: 'complete', imageTag: `skylift/${name}:local` });
  }, 120_000);

  it('a cold start follows only its own boot\'s output: earlier boots are not replayed into the log', async () => {
    const { job, events } = await finished(core, core.runService.startBench({ dir, variant: 'local', load: { mode: 'closed', requests: 5, concurrency: 1 }, warmup: 0, coldStarts: 2 }));
    expect(job.error).toBeNull();
    const lines = events.flatMap((e) => (e.type === 'log' ? e.line.split('\n') : []));
    // One setup for the first start, one for each cold start; replays would make it 1 + 2 + 3.
    expect(lines.filter((line) => line.includes('setup started'))).toHaveLength(3);
  }, 120_000);
});
