import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import type { BenchRun, Job } from '../../shared/contract';
import { docker, finished, removeImages, TEST_BASE_IMAGE } from '../helpers/build';
import { spawnSkylift, storedBenchSamples } from '../helpers/cli-child';
import { testCore } from '../helpers/core';
import { check, expectHandled, probeFault, withinDeadline, type FaultRecord } from './fault-log';
import { writeFaultProject } from './run-fault-project';

/** Far past any prompt stop: only a hang (or a bench that runs on after its container died) reaches it. */
const HANG_MS = 45_000;
/** Longer than any probe lets it run: each bench ends by the fault injected into it. */
const ENDLESS = { mode: 'closed', requests: 1_000_000, concurrency: 2 } as const;
/** Requests sent before the fatal payload, round robin: the container dies mid-bench, not at its first request. */
const HEALTHY_BEFORE_FAULT = 60;

const within = withinDeadline(HANG_MS);

/** Benches cancelled, whose containers die, whose process is killed, and bench requests that are wrong. */
describe('benches under faults (real engine)', () => {
  let core: Core;
  let home: string;
  const name = `bflt-${process.pid}`;

  /** The fault project, with payloads that kill the container: by exit code, or by outgrowing a memory limit. */
  const project = (memoryMb?: number) => {
    // One folder, rewritten per test: its images record the folder they were built from, and a run refuses another folder's.
    const dir = writeFaultProject(path.join(home, name), name, { model: 'Faults', memoryMb });
    const yaml = path.join(dir, 'skylift.yaml');
    fs.writeFileSync(yaml, fs.readFileSync(yaml, 'utf8').replace('targets:\n', `targets:\n  aws-lambda: {${memoryMb ? `memoryMb: ${memoryMb}` : ''}}\n`));
    fs.writeFileSync(path.join(dir, 'sample-payloads', 'exit3.json'), '{"exit": 3}\n');
    fs.writeFileSync(path.join(dir, 'sample-payloads', 'oom.json'), '{"allocate_mb": 1024}\n');
    return dir;
  };
  /** Healthy requests first, then the fatal one, round robin. */
  const fatalAfterHealthy = (fatal: string) => [...Array<string>(HEALTHY_BEFORE_FAULT).fill('hello.json'), fatal];

  beforeAll(async () => {
    home = fs.mkdtempSync('/tmp/skylift-bench-faults-');
    core = testCore(home);
    const built = await finished(core, core.builds.start({ dir: project(), variant: 'all', baseImage: TEST_BASE_IMAGE }));
    expect(built.job.error).toBeNull();
  }, 600_000);
  afterAll(async () => {
    await core.close();
    await removeImages(['local', 'aws-lambda', 'azure-functions'].map((variant) => `skylift/${name}:${variant}`));
    fs.rmSync(home, { recursive: true, force: true });
  });

  const containersLeft = async (jobId: string) => (await docker.listContainers({ all: true, filters: { label: [`dev.skylift.job-id=${jobId}`] } })).length;
  const runOf = (jobId: string): BenchRun => {
    const run = core.runStore.byJob(jobId);
    if (!run) throw new Error('the bench stored no run');
    return run;
  };
  const storedSamples = (jobId: string) => {
    const run = core.runStore.byJob(jobId);
    return run ? core.runStore.samples(run.id).length : 0;
  };
  const untilStored = async (jobId: string, count: number) => {
    const deadline = Date.now() + HANG_MS;
    while (storedSamples(jobId) < count) {
      check(Date.now() < deadline, `fewer than ${count} samples stored after ${HANG_MS} ms: samples are not written as they come`);
      check(['queued', 'running'].includes(core.jobs.get(jobId).state), `the bench ended (${core.jobs.get(jobId).state}) before measuring`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  /** What every bench that stopped early must say: its state, partial numbers that match the stored samples, no containers left. */
  const stoppedEarly = async (job: Job, state: BenchRun['state']) => {
    const run = runOf(job.id);
    const samples = core.runStore.samples(run.id);
    check(run.state === state, `the run says ${run.state}, not ${state}`);
    check(run.summary?.partial === true, 'the summary is not marked partial');
    check(samples.length > 0, 'the samples measured before it stopped were lost');
    check(run.summary?.warm?.count === samples.filter((s) => !s.cold).length, `the summary counts ${run.summary?.warm?.count} requests, the store holds ${samples.length}`);
    check((await containersLeft(job.id)) === 0, 'its containers were left behind');
    return { run, samples };
  };

  /** A container dying mid-bench must stop it and fail it with the cause, promptly. */
  const diesMidBench = async (variant: 'local' | 'aws-lambda', dir: string, fatal: string, cause: RegExp) => {
    const started = performance.now();
    const job = core.runService.startBench({ dir, variant, load: ENDLESS, warmup: 0, payloads: fatalAfterHealthy(fatal) });
    const done = await within('bench after its container died', core.jobs.wait(job.id));
    check(done.state === 'failed', `the job ended ${done.state}, not failed`);
    check(done.error?.code === 'CONTAINER_EXITED', `error ${done.error?.code}: ${done.error?.message}`);
    check(cause.test(done.error?.message ?? ''), `the message "${done.error?.message}" does not match ${cause}`);
    const { run, samples } = await stoppedEarly(done, 'failed');
    check(run.failure?.message === done.error?.message, 'the run does not keep the cause the job reports');
    check(samples.length < ENDLESS.requests / 10, `it ran on after the container died: ${samples.length} samples`);
    return { done, run, ms: performance.now() - started };
  };

  it('cancel mid-bench: a cancelled run with the samples measured so far, marked partial', async () => {
    expectHandled(
      await probeFault('bench', 'cancel mid-bench (local)', async () => {
        const job = core.runService.startBench({ dir: project(), variant: 'local', load: ENDLESS, warmup: 0, payloads: ['hello.json'] });
        await untilStored(job.id, 50);
        const cancelled = await within('cancel', core.jobs.cancel(job.id));
        check(cancelled.state === 'cancelled', `the job ended ${cancelled.state}`);
        await stoppedEarly(cancelled, 'cancelled');
      }),
    );
  }, 90_000);

  it('the model exits mid-bench: the bench stops and fails with the exit code and its time', async () => {
    expectHandled(
      await probeFault('bench', 'process exits mid-bench (local)', async () => {
        await diesMidBench('local', project(), 'exit3.json', /container exited with code 3 at \d{4}-\d\d-\d\dT.* into the bench; the bench stopped there/);
      }),
    );
  }, 90_000);

  it('a short bench whose every request fails in milliseconds after the exit still fails with the exit, not complete', async () => {
    expectHandled(
      await probeFault('bench', 'process exits on the first request of a 100-request bench (local)', async () => {
        const job = core.runService.startBench({ dir: project(), variant: 'local', load: { mode: 'closed', requests: 100, concurrency: 2 }, warmup: 0, payloads: ['exit3.json'] });
        const done = await within('short bench after its container died', core.jobs.wait(job.id));
        check(done.state === 'failed' && done.error?.code === 'CONTAINER_EXITED', `the job ended ${done.state}: ${done.error?.code} ${done.error?.message}`);
        check(/exited with code 3/.test(done.error?.message ?? ''), `the message does not give the exit code: ${done.error?.message}`);
        check(runOf(job.id).state === 'failed', `the run says ${runOf(job.id).state}`);
      }),
    );
  }, 120_000);

  it('an OOM kill mid-bench says out of memory and where to raise the limit', async () => {
    expectHandled(
      await probeFault('bench', 'OOM kill mid-bench (local, memoryMb 128)', async () => {
        const { run } = await diesMidBench('local', project(128), 'oom.json', /\(killed: out of memory\)/);
        check(run.failure?.details?.oomKilled === true, 'the run does not record the OOM kill');
        check(/targets\.local\.memoryMb/.test(run.failure?.hint ?? ''), `the hint does not say where to raise the memory: ${run.failure?.hint}`);
      }),
    );
  }, 90_000);

  it('one of several Lambda environments dies mid-bench: the bench stops and fails with its exit', async () => {
    expectHandled(
      await probeFault('bench', 'Lambda environment exits mid-bench (aws-lambda × 2)', async () => {
        await diesMidBench('aws-lambda', project(), 'exit3.json', /aws-lambda container exited with code 3/);
      }),
    );
  }, 90_000);

  it('the container is killed from outside mid-bench: exit 137, the bench stops', async () => {
    expectHandled(
      await probeFault('bench', 'container killed mid-bench (docker kill)', async () => {
        const job = core.runService.startBench({ dir: project(), variant: 'local', load: ENDLESS, warmup: 0, payloads: ['hello.json'] });
        await untilStored(job.id, 50);
        const [container] = await docker.listContainers({ filters: { label: [`dev.skylift.job-id=${job.id}`] } });
        await docker.getContainer(container.Id).kill({ signal: 'SIGKILL' });
        const done = await within('bench after docker kill', core.jobs.wait(job.id));
        check(done.error?.code === 'CONTAINER_EXITED' && /exited with code 137/.test(done.error.message), `the job says ${done.error?.code}: ${done.error?.message}`);
        await stoppedEarly(done, 'failed');
      }),
    );
  }, 90_000);

  it('the bench process is SIGKILLed: the next start marks the run interrupted with what reached the store', async () => {
    expectHandled(
      await probeFault('bench', 'SIGKILL of the bench process (CLI)', async () => {
        const killedHome = path.join(home, `killed-${Date.now()}`);
        const dir = project();
        const cli = spawnSkylift(['bench', dir, '--requests', String(ENDLESS.requests), '--concurrency', '2', '--warmup', '0', '--payload', 'hello.json'], { SKYLIFT_HOME: killedHome });
        const stored = () => storedBenchSamples(killedHome);
        try {
          const deadline = Date.now() + HANG_MS;
          while (stored() < 100) {
            check(Date.now() < deadline, 'the CLI bench stored no samples while it ran');
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        } finally {
          await cli.kill();
        }
        const kept = stored();
        const restarted = testCore(killedHome);
        try {
          const [run] = restarted.runStore.list(1);
          check(run?.state === 'interrupted', `after the restart the run says ${run?.state}`);
          check(run.summary?.partial === true && run.summary.warm?.count === kept, `the summary counts ${run.summary?.warm?.count} of the ${kept} stored samples`);
          check((await restarted.startupSweep).length === 1, 'the container the killed process left was not removed');
        } finally {
          await restarted.close();
        }
      }),
    );
  }, 120_000);

  /** Bench requests a user, a script or another page could send: each must be refused with a reason, before any job or container. */
  const badRequests: Array<[string, (dir: string) => unknown, string]> = [
    ['no input', () => undefined, 'BAD_INPUT'],
    ['not an object', () => 'bench please', 'BAD_INPUT'],
    ['an unknown field', (dir) => ({ dir, variant: 'local', extra: true }), 'BAD_INPUT'],
    ['an unknown variant', (dir) => ({ dir, variant: 'gcp-run' }), 'BAD_INPUT'],
    ['an unknown load mode', (dir) => ({ dir, variant: 'local', load: { mode: 'sideways', requests: 10 } }), 'BAD_INPUT'],
    ['concurrency 0', (dir) => ({ dir, variant: 'local', load: { mode: 'closed', requests: 10, concurrency: 0 } }), 'BAD_INPUT'],
    ['negative concurrency', (dir) => ({ dir, variant: 'local', load: { mode: 'closed', requests: 10, concurrency: -4 } }), 'BAD_INPUT'],
    ['fractional concurrency', (dir) => ({ dir, variant: 'local', load: { mode: 'closed', requests: 10, concurrency: 1.5 } }), 'BAD_INPUT'],
    ['huge concurrency', (dir) => ({ dir, variant: 'aws-lambda', load: { mode: 'closed', requests: 10, concurrency: 1e9 } }), 'BAD_INPUT'],
    ['concurrency as text', (dir) => ({ dir, variant: 'local', load: { mode: 'closed', requests: 10, concurrency: '64' } }), 'BAD_INPUT'],
    ['huge request count', (dir) => ({ dir, variant: 'local', load: { mode: 'closed', requests: 1e12, concurrency: 1 } }), 'BAD_INPUT'],
    ['rate 0', (dir) => ({ dir, variant: 'local', load: { mode: 'open', ratePerSec: 0, durationSec: 5 } }), 'BAD_INPUT'],
    ['negative rate', (dir) => ({ dir, variant: 'local', load: { mode: 'open', ratePerSec: -10, durationSec: 5 } }), 'BAD_INPUT'],
    ['huge rate', (dir) => ({ dir, variant: 'local', load: { mode: 'open', ratePerSec: 1e12, durationSec: 5 } }), 'BAD_INPUT'],
    ['duration 0', (dir) => ({ dir, variant: 'local', load: { mode: 'open', ratePerSec: 10, durationSec: 0 } }), 'BAD_INPUT'],
    ['endless duration', (dir) => ({ dir, variant: 'local', load: { mode: 'open', ratePerSec: 10, durationSec: 1e9 } }), 'BAD_INPUT'],
    ['negative warm-up', (dir) => ({ dir, variant: 'local', warmup: -1 }), 'BAD_INPUT'],
    ['too many cold starts', (dir) => ({ dir, variant: 'local', coldStarts: 10_000 }), 'BAD_INPUT'],
    ['a payload name that leaves the project', (dir) => ({ dir, variant: 'local', payloads: ['../../../etc/passwd'] }), 'NO_PAYLOAD'],
    ['a folder that does not exist', () => ({ dir: '/nonexistent/skylift-project', variant: 'local' }), 'NOT_FOUND'],
    ['a megabyte of folder name', () => ({ dir: `/tmp/${'x'.repeat(1024 * 1024)}`, variant: 'local' }), 'BAD_INPUT'],
  ];

  it('bad bench requests are refused with a reason before a job starts, and the core keeps serving', async () => {
    const dir = project();
    const jobsBefore = core.jobStore.list(1000).length;
    const records: FaultRecord[] = [];
    for (const [label, input, codes] of badRequests) {
      records.push(
        await probeFault('bench', `bad request: ${label}`, async () => {
          const envelope = await within(label, core.dispatch('bench:start', input(dir)));
          check(!envelope.ok, 'it was accepted');
          if (envelope.ok) return;
          check(new RegExp(`^(${codes})$`).test(envelope.error.code), `refused with ${envelope.error.code}: ${envelope.error.message}`);
          check(!/\n\s+at /.test(`${envelope.error.message}${envelope.error.hint ?? ''}`), 'the answer shows a stack trace');
        }),
      );
    }
    for (const record of records) expectHandled(record);
    expect(core.jobStore.list(1000)).toHaveLength(jobsBefore);
    expect(await core.dispatch('runs:list', {})).toMatchObject({ ok: true });
  }, 60_000);
});
