import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job, JobEvent } from '../../shared/contract';
import type { Core } from '../../main/core/core';
import { docker, finished, removeImages, TEST_BASE_IMAGE } from '../helpers/build';
import { redactor } from '../../main/core/redact';
import { RUN_LABEL } from '../../main/core/run/labels';
import { skylift } from '../helpers/cli';
import { spawnSkylift } from '../helpers/cli-child';
import { writeProbeProject } from '../helpers/probe-project';
import { testCore } from '../helpers/core';
import { check, expectHandled, probeFault, withinDeadline, type FaultRecord } from './fault-log';
import { FAULT_MODELS, writeFaultProject, type FaultModel, type FaultProjectOptions } from './run-fault-project';

/** Far past any prompt answer or exit report: only a hang (or a deadline not kept) reaches it. */
const HANG_MS = 45_000;
const DEEP = 100_000;
/** The Azure custom handler shares the adapter and the session code: its own variant of the deadline and exit probes. */
const AZURE_MODELS: FaultModel[] = ['Faults', 'HangLoad'];

type Answer = { ok: boolean; status: number | string; body: string };

const within = withinDeadline(HANG_MS);

/** A local variant that hangs, crashes, runs out of memory, gets garbage or floods its log. */
describe('local runs under faults (real engine)', () => {
  let core: Core;
  let home: string;
  const name = (model: FaultModel) => `flt-${model.toLowerCase()}-${process.pid}`;
  // One folder per model, rewritten per test: its images record the folder they were built from, and a run refuses another folder's.
  const project = (options: FaultProjectOptions) => writeFaultProject(path.join(home, name(options.model)), name(options.model), options);

  beforeAll(async () => {
    home = fs.mkdtempSync('/tmp/skylift-run-faults-');
    core = testCore(home);
    for (const model of FAULT_MODELS) {
      const built = await finished(core, core.builds.start({ dir: project({ model }), variant: 'local', baseImage: TEST_BASE_IMAGE }));
      expect(built.job.error).toBeNull();
    }
    for (const model of AZURE_MODELS) {
      const built = await finished(core, core.builds.start({ dir: project({ model }), variant: 'azure-functions', baseImage: TEST_BASE_IMAGE }));
      expect(built.job.error).toBeNull();
    }
  }, 600_000);
  afterAll(async () => {
    await core.close();
    await removeImages([...FAULT_MODELS.map((model) => `skylift/${name(model)}:local`), ...AZURE_MODELS.map((model) => `skylift/${name(model)}:azure-functions`)]);
    fs.rmSync(home, { recursive: true, force: true });
  });

  const containersLeft = async (jobId: string) => (await docker.listContainers({ all: true, filters: { label: [`dev.skylift.job-id=${jobId}`] } })).length;

  /** One `skylift invoke`: the finished job, its events and how long it took. */
  const invoke = async (options: FaultProjectOptions, payload: string, startupTimeoutSeconds?: number, variant: 'local' | 'azure-functions' = 'local') => {
    const started = performance.now();
    const job = core.runService.startInvoke({ dir: project(options), variant, payload, ...(startupTimeoutSeconds ? { startupTimeoutSeconds } : {}) });
    const { job: done, events } = await within('invoke', finished(core, job));
    const result = events.find((e) => e.type === 'result') as { value: Answer } | undefined;
    return { job: done, events, answer: result?.value, ms: performance.now() - started };
  };

  const failedWith = async (run: { job: Job; ms: number }, code: string, message: RegExp, underMs: number) => {
    check(run.job.state === 'failed', `the job ended ${run.job.state}, not failed`);
    check(run.job.error?.code === code, `error ${run.job.error?.code}: ${run.job.error?.message} (wanted ${code})`);
    check(message.test(run.job.error?.message ?? ''), `message "${run.job.error?.message}" does not match ${message}`);
    check(run.ms < underMs, `took ${Math.round(run.ms)} ms, not under ${underMs} ms`);
    check((await containersLeft(run.job.id)) === 0, 'its container was left behind');
  };

  it('load() that hangs: the startup deadline from Settings ends it, and the error names that deadline', async () => {
    expectHandled(
      await probeFault('run', 'load() hangs (local)', async () => {
        core.settings.update({ localStartupTimeoutSeconds: 5 }); // Settings → Local test; the Azure probe overrides per call
        const run = await invoke({ model: 'HangLoad' }, '{}').finally(() => core.settings.update({ localStartupTimeoutSeconds: 300 }));
        await failedWith(run, 'STARTUP_TIMEOUT', /startup deadline of 5 s: load\(\) was still running/, 30_000);
        check(/Settings → Local test/.test(run.job.error?.hint ?? ''), `the hint does not say where to change it: ${run.job.error?.hint}`);
      }),
    );
  }, 60_000);

  it('azure-functions: a hanging load() meets the startup deadline, and a process that exits mid-request is reported', async () => {
    expectHandled(
      await probeFault('run', 'load() hangs (azure-functions)', async () => {
        await failedWith(await invoke({ model: 'HangLoad' }, '{}', 5, 'azure-functions'), 'STARTUP_TIMEOUT', /azure-functions container was not ready within its startup deadline of 5 s/, 30_000);
      }),
    );
    expectHandled(
      await probeFault('run', 'process exits mid-request (azure-functions)', async () => {
        await failedWith(await invoke({ model: 'Faults' }, '{"exit": 5}', undefined, 'azure-functions'), 'CONTAINER_EXITED', /exited with code 5 at .* while answering a request/, 20_000);
      }),
    );
  }, 90_000);

  it('load() that raises: setup failed, with the error', async () => {
    expectHandled(
      await probeFault('run', 'load() raises (local)', async () => {
        await failedWith(await invoke({ model: 'RaiseLoad' }, '{}'), 'MODEL_SETUP_FAILED', /RuntimeError: weights are missing/, 30_000);
      }),
    );
  }, 60_000);

  it('a process that exits during load is reported with its exit code at once, not at the startup deadline', async () => {
    expectHandled(
      await probeFault('run', 'process exits during load (local)', async () => {
        const run = await invoke({ model: 'ExitLoad' }, '{}', 600);
        await failedWith(run, 'CONTAINER_EXITED', /exited with code 7 at .* while (loading the model|starting)/, 20_000);
      }),
    );
  }, 60_000);

  it('a process that exits mid-request is reported with its exit code, not as a reset connection or a timeout', async () => {
    expectHandled(
      await probeFault('run', 'process exits mid-request (local)', async () => {
        await failedWith(await invoke({ model: 'Faults' }, '{"exit": 9}'), 'CONTAINER_EXITED', /exited with code 9 at .* while answering a request/, 20_000);
      }),
    );
  }, 60_000);

  it('an OOM kill under a small memory limit says out of memory', async () => {
    expectHandled(
      await probeFault('run', 'OOM kill mid-request (local, memoryMb 128)', async () => {
        const run = await invoke({ model: 'Faults', memoryMb: 128 }, '{"allocate_mb": 1024}');
        await failedWith(run, 'CONTAINER_EXITED', /\(killed: out of memory\).* while answering a request/, 30_000);
        check(/memoryMb/.test(run.job.error?.hint ?? ''), `the hint does not say how to give it more memory: ${run.job.error?.hint}`);
      }),
    );
  }, 60_000);

  it('a predict past the request deadline fails at that deadline, named as the request deadline', async () => {
    expectHandled(
      await probeFault('run', 'predict past the request deadline (local)', async () => {
        const run = await invoke({ model: 'Faults', timeoutSeconds: 2 }, '{"sleep": 30}');
        await failedWith(run, 'REQUEST_TIMEOUT', /request deadline of 2 s \(targets\.local\.timeoutSeconds\)/, 20_000);
      }),
    );
  }, 60_000);

  it("a bench's requests past the request deadline are timeouts at that deadline, and the bench ends", async () => {
    expectHandled(
      await probeFault('run', 'bench requests past the request deadline (local)', async () => {
        const dir = project({ model: 'Faults', timeoutSeconds: 2 });
        core.payloads.save(dir, 'slow', '{"sleep": 30}');
        const started = performance.now();
        const job = core.runService.startBench({ dir, variant: 'local', load: { mode: 'closed', requests: 2, concurrency: 1 }, warmup: 0, payloads: ['slow'] });
        const { job: done } = await within('bench', finished(core, job), 30_000);
        check(done.state === 'succeeded', `the bench ended ${done.state}: ${done.error?.message}`);
        const run = core.runStore.byJob(job.id)!;
        const statuses = core.runStore.samples(run.id).map((s) => s.status);
        check(statuses.length === 2 && statuses.every((s) => s === 'timeout'), `samples: ${statuses.join(', ')}`);
        check(performance.now() - started < 25_000, 'the bench outlived two 2 s deadlines by far');
      }),
    );
  }, 60_000);

  it('bad payloads on a running Try it session get a 400 at once, and it keeps serving', async () => {
    const job = core.runService.startRun({ dir: project({ model: 'Faults' }), variant: 'local' });
    try {
      await expect.poll(() => core.jobStore.events(job.id, -1).some((e) => e.type === 'step'), { timeout: 60_000 }).toBe(true);
      const bad: Array<[string, string]> = [
        ['100k-deep JSON array', '['.repeat(DEEP) + ']'.repeat(DEEP)],
        ['100k-deep JSON object', '{"a":'.repeat(DEEP) + '1' + '}'.repeat(DEEP)],
        ['invalid JSON', '{"unterminated": '],
        ['not JSON at all', 'hello'],
      ];
      for (const [what, payload] of bad) {
        expectHandled(
          await probeFault('run', `${what} (local)`, async () => {
            const answer = await within(what, core.runService.invokeLive(job.id, payload), 10_000);
            check(answer.status === 400, `answered ${answer.status}: ${answer.body.toString('utf8').slice(0, 200)}`);
            const after = await within('the next request', core.runService.invokeLive(job.id, '{}'), 10_000);
            check(after.status === 200, `the session stopped serving: ${after.status}`);
          }),
        );
      }
    } finally {
      await core.jobs.cancel(job.id);
    }
  }, 120_000);

  it('a Try it session whose container dies ends failed with the cause, and invoke says the container exited', async () => {
    expectHandled(
      await probeFault('run', 'Try it session dies (local)', async () => {
        const job = core.runService.startRun({ dir: project({ model: 'Faults' }), variant: 'local' });
        await expect.poll(() => core.jobStore.events(job.id, -1).some((e) => e.type === 'step'), { timeout: 60_000 }).toBe(true);
        const first = await within('the dying request', core.runService.invokeLive(job.id, '{"exit": 4}').catch((e: unknown) => e), 20_000);
        check((first as { code?: string }).code === 'CONTAINER_EXITED', `the dying request gave ${String((first as Error).message)}`);
        const done = await within('the run job', core.jobs.wait(job.id), 20_000);
        check(done.state === 'failed' && done.error?.code === 'CONTAINER_EXITED', `the run ended ${done.state}: ${done.error?.message}`);
        const later = await core.runService.invokeLive(job.id, '{}').catch((e: unknown) => e);
        check(/exited with code 4/.test((later as Error).message), `a later invoke says: ${(later as Error).message}`);
        check((await containersLeft(job.id)) === 0, 'its container was left behind');
      }),
    );
  }, 90_000);

  const containerLog = (events: JobEvent[]) => {
    const logs = events.filter((e): e is Extract<JobEvent, { type: 'log' }> => e.type === 'log');
    const summary = logs.map((e) => /^container output: (\d+) lines, (\d+) dropped in all/.exec(e.line)).find(Boolean);
    return { logs, lines: logs.filter((e) => e.stream !== 'info').flatMap((e) => e.line.split('\n')), seen: Number(summary?.[1] ?? NaN), dropped: Number(summary?.[2] ?? NaN) };
  };

  it('a predict printing 50 MB of lines: the log ends with an honest dropped count and keeps the last lines', async () => {
    expectHandled(
      await probeFault('run', 'huge log output, 200k lines / 50 MB (local)', async () => {
        const [count, width] = [200_000, 240];
        const run = await invoke({ model: 'Faults' }, JSON.stringify({ print_lines: count, width }));
        check(run.job.state === 'succeeded' && run.answer?.status === 200, `the invoke ended ${run.job.state}: ${run.job.error?.message}`);
        const { logs, lines, seen, dropped } = containerLog(run.events);
        check(Number.isFinite(seen), 'no "container output: N lines, M dropped in all" summary in the log');
        check(seen >= count, `only ${seen} of the ${count} printed lines reached Skylift`);
        check(lines.length + dropped === seen, `kept ${lines.length} + dropped ${dropped} != seen ${seen}`);
        check(lines.includes(`line ${count - 1} ${'x'.repeat(width)}`), 'the last printed line is not in the kept tail');
        check(logs.some((e) => /^… \d+ lines dropped$/.test(e.line)), 'no "… N lines dropped" marker where lines were cut');
        check(logs.length < 2_000, `${logs.length} job events for one invoke`);
      }),
    );
  }, 120_000);

  it('a predict printing one 50 MB line: kept cut, with how much was cut, and the answer still comes', async () => {
    expectHandled(
      await probeFault('run', 'one 50 MB log line (local)', async () => {
        const size = 50_000_000;
        const run = await invoke({ model: 'Faults' }, JSON.stringify({ print_one_line: size }));
        check(run.job.state === 'succeeded' && run.answer?.status === 200, `the invoke ended ${run.job.state}: ${run.job.error?.message}`);
        const cut = run.events.map((e) => (e.type === 'log' ? / … \(line cut: (\d+) more characters\)/.exec(e.line) : null)).find(Boolean);
        check(cut, 'the long line is not marked as cut');
        check(Number(cut![1]) + 32 * 1024 === size, `cut ${cut![1]} + kept 32768 != ${size} printed`);
      }),
    );
  }, 120_000);
});

/** `skylift invoke --payload`: what it must refuse to read (built CLI; no image is needed). */
describe('skylift invoke payloads it must not read whole', () => {
  // Before: /dev/zero reached 6 GB RSS and a folder printed "Unexpected error: EISDIR … report it".
  const cases: Array<[string, (dir: string) => string, RegExp]> = [
    ['/dev/zero', () => '/dev/zero', /is not a regular file \(a device\)/],
    ['a folder', (dir) => dir, /is not a regular file \(a folder\)/],
    ['a FIFO', (dir) => (execFileSync('mkfifo', [path.join(dir, 'pipe')]), path.join(dir, 'pipe')), /is not a regular file \(a named pipe \(FIFO\)\)/],
    ['a 7 MiB file', (dir) => (fs.writeFileSync(path.join(dir, 'big.json'), Buffer.alloc(7 * 1024 * 1024, 0x20)), path.join(dir, 'big.json')), /at most 6,291,456 bytes \(6 MiB\), Lambda's request limit/],
  ];

  it.each(cases)('--payload %s: refused at once, exit 1, no stack', async (what, make, message) => {
    const dir = fs.mkdtempSync('/tmp/skylift-invoke-payload-faults-');
    try {
      expectHandled(
        await probeFault('run', `skylift invoke --payload ${what}`, () => {
          const result = skylift(['invoke', dir, '--payload', make(dir)], { SKYLIFT_HOME: path.join(dir, 'data') });
          check(result.status === 1, `exit ${result.status} (signal or timeout if null): ${result.stderr.slice(-300)}`);
          check(message.test(result.stderr), `no reason given: ${result.stderr.slice(-300)}`);
          check(!/Unexpected error|\n\s+at /.test(result.stderr), `not a clear refusal: ${result.stderr.slice(-300)}`);
        }),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

/** An aws-lambda variant of the probe model: events the adapter cannot parse, and Ctrl-C twice on the CLI. */
describe('aws-lambda events the adapter cannot parse, and the CLI interrupted twice (real engine)', () => {
  let core: Core;
  let home: string;
  let dir: string;
  const name = `flt-lambda-probe-${process.pid}`;

  beforeAll(async () => {
    home = fs.mkdtempSync('/tmp/skylift-run-faults-lambda-');
    core = testCore(path.join(home, 'data'));
    dir = writeProbeProject(path.join(home, 'probe'), name);
    expect((await finished(core, core.builds.start({ dir, variant: 'aws-lambda', baseImage: TEST_BASE_IMAGE }))).job.error).toBeNull();
  }, 300_000);
  afterAll(async () => {
    await core.close();
    await removeImages([`skylift/${name}:aws-lambda`]);
    fs.rmSync(home, { recursive: true, force: true });
  });

  // Before: errorType ValueError with the adapter's own Python stack. AWS's runtime interface client
  // answers Runtime.UnmarshalError, "Unable to unmarshal input: …", and no stack trace.
  it('an event that is not JSON, or nested 100k deep, gets Runtime.UnmarshalError at once, and the environment keeps serving', async () => {
    const job = core.runService.startRun({ dir, variant: 'aws-lambda' });
    try {
      await expect.poll(() => core.jobStore.events(job.id, -1).some((e) => e.type === 'step'), { timeout: 60_000 }).toBe(true);
      for (const [what, payload] of [['100k-deep JSON array', '['.repeat(DEEP) + ']'.repeat(DEEP)], ['not JSON at all', 'hello']]) {
        expectHandled(
          await probeFault('run', `${what} (aws-lambda): Runtime.UnmarshalError`, async () => {
            const answer = await within(what, core.runService.invokeLive(job.id, payload), 10_000);
            const body = JSON.parse(answer.body.toString('utf8')) as { errorType?: string; errorMessage?: string; stackTrace?: unknown[] };
            check(body.errorType === 'Runtime.UnmarshalError', `errorType ${body.errorType}: ${answer.body.toString('utf8').slice(0, 300)}`);
            check(/^Unable to unmarshal input: /.test(body.errorMessage ?? ''), `errorMessage ${body.errorMessage}`);
            check((body.stackTrace ?? []).length === 0, `a stack trace was sent: ${JSON.stringify(body.stackTrace).slice(0, 200)}`);
            const after = await within('the next request', core.runService.invokeLive(job.id, '{}'), 10_000);
            check(!JSON.parse(after.body.toString('utf8')).errorType, `the environment stopped serving: ${after.body.toString('utf8').slice(0, 200)}`);
          }),
        );
      }
    } finally {
      await core.jobs.cancel(job.id);
    }
  }, 120_000);

  // Before: a model answer mentioning an unterminated PEM header printed `{"data":"[redacted]` (the
  // rest swallowed): invalid JSON on stdout.
  it('a model answer mentioning an unterminated private-key header stays JSON after redaction', async () => {
    expectHandled(
      await probeFault('run', 'answer with an unterminated PEM header: redacted, still JSON', () => {
        for (const data of ['-----BEGIN PRIVATE KEY----- abc', '-----BEGIN RSA PRIVATE KEY-----\nQUJD\nmore text']) {
          const shown = redactor.redact(JSON.stringify({ data, after: 'kept' }));
          const parsed = parseOrNull(shown) as { data?: string; after?: string } | null;
          check(parsed, `not JSON after redaction: ${shown}`);
          check(parsed!.after === 'kept' && parsed!.data?.startsWith('[redacted]'), `redacted wrongly: ${shown}`);
        }
      }),
    );
  });

  // Before: the second Ctrl-C killed the CLI (exit 130, no message) while it was removing the container.
  it('skylift run sent two SIGINTs 50 ms apart: the run ends cancelled, the CLI exits normally, no container is left', async () => {
    expectHandled(
      await probeFault('run', 'skylift run: Ctrl-C twice (aws-lambda)', async () => {
        const cli = spawnSkylift(['run', dir, '--variant', 'aws-lambda'], { SKYLIFT_HOME: path.join(home, 'cli') });
        try {
          await expect.poll(() => cli.output().includes('Press Ctrl-C to stop.'), { timeout: 60_000, interval: 100 }).toBe(true);
          cli.signal('SIGINT');
          await new Promise((resolve) => setTimeout(resolve, 50));
          cli.signal('SIGINT');
          const exit = await within('the CLI to exit', cli.exited, 60_000);
          check(exit.signal === null && exit.code === 0, `exit ${JSON.stringify(exit)}: ${cli.output().slice(-300)}`);
          check(/Still stopping/.test(cli.output()), `the second Ctrl-C was not acknowledged: ${cli.output().slice(-300)}`);
          const left = await docker.listContainers({ all: true, filters: { label: [`${RUN_LABEL.project}=${name}`] } });
          check(left.length === 0, `${left.length} container(s) left behind`);
        } finally {
          await cli.kill();
        }
      }),
    );
  }, 120_000);
});

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
