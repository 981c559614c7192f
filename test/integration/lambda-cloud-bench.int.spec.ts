import fs from 'node:fs';
import path from 'node:path';
import { CreateAliasCommand, CreateFunctionCommand, GetFunctionConfigurationCommand, LambdaClient, PublishVersionCommand, UpdateFunctionConfigurationCommand, waitUntilFunctionActiveV2, waitUntilFunctionUpdatedV2 } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import type { BenchRun } from '../../shared/contract/runs';
import { DOUBLES_TEST_KEY } from '../doubles/aws-auth';
import { startLambdaDouble, type LambdaDouble } from '../doubles/aws-lambda';
import { dockerLambdaRunner, type DockerLambdaRunner } from '../doubles/aws-lambda-docker-runner';
import { docker } from '../helpers/build';
import { testCore } from '../helpers/core';
import { buildProbeImage, PROBE_IMAGE } from '../helpers/lambda-probe';
import { writeProbeProject } from '../helpers/probe-project';

const REGION = 'us-east-1';
const ROLE = 'arn:aws:iam::123456789012:role/skylift-probe';
const ORIGINAL_VARIABLES = { KEEP: 'me', MODEL: 'probe' };

/**
 * A bench of a deployment, end to end over loopback: the real SDK against the Lambda double, whose
 * runner runs the probe image in the engine, one request per environment, as Lambda does.
 */
describe('cloud bench of a Lambda deployment (Lambda double, real engine)', () => {
  let home: string;
  let core: Core;
  let dir: string;
  let lambda: LambdaDouble;
  let runner: DockerLambdaRunner;
  let sdk: LambdaClient;
  let imageId: string;
  /** As when Lambda reuses an environment: $LATEST's REPORT lines lose their Init Duration. */
  let reuseLatest = false;

  beforeAll(async () => {
    buildProbeImage();
    imageId = (await docker.getImage(PROBE_IMAGE).inspect()).Id;
    runner = dockerLambdaRunner(docker, { maxEnvironments: 4 });
    // A published version stays Pending for 1.5 s: the first bench opens it while Pending and must wait, not send into 409s.
    lambda = await startLambdaDouble({ region: REGION, stateDelayMs: 1_500, updateDelayMs: 400, invoke: (config, payload) => runner.invoke(config, payload).then((r) => (reuseLatest && config.Version === '$LATEST' ? { ...r, logTail: r.logTail.replace(/\tInit Duration: [\d.]+ ms/, '') } : r)) });
    home = fs.mkdtempSync('/tmp/skylift-cloud-bench-');
    core = testCore(home);
    // The seam: the deployment's profile resolves to the doubles' key and endpoint (profiles are tested on their own).
    core.profiles.awsIdentity = async () => ({
      profile: { id: 'doubles', name: 'doubles' },
      identity: { credentials: async () => ({ accessKeyId: DOUBLES_TEST_KEY.accessKeyId, secretAccessKey: DOUBLES_TEST_KEY.secretAccessKey }), region: REGION, source: 'static keys' },
      endpoints: { lambda: lambda.url },
    });
    dir = writeProbeProject(path.join(home, 'probe'), `it-cloud-bench-${process.pid}`);
    fs.appendFileSync(path.join(dir, 'skylift.yaml'), `deployments:\n  prod: { target: aws-lambda, profile: doubles, region: ${REGION}, function: probe, alias: live }\n`);

    sdk = new LambdaClient({ region: REGION, endpoint: lambda.url, credentials: DOUBLES_TEST_KEY, maxAttempts: 1 });
    const imageUri = `123456789012.dkr.ecr.${REGION}.amazonaws.com/skylift/probe@${imageId}`;
    await sdk.send(new CreateFunctionCommand({ FunctionName: 'probe', PackageType: 'Image', Code: { ImageUri: imageUri }, Role: ROLE, Timeout: 10, MemorySize: 512, Environment: { Variables: ORIGINAL_VARIABLES } }));
    await waitUntilFunctionActiveV2({ client: sdk, maxWaitTime: 30 }, { FunctionName: 'probe' });
    const version = await sdk.send(new PublishVersionCommand({ FunctionName: 'probe' }));
    await sdk.send(new CreateAliasCommand({ FunctionName: 'probe', Name: 'live', FunctionVersion: version.Version! }));
  }, 180_000);
  afterAll(async () => {
    await core?.close();
    await runner?.close();
    await lambda?.close();
    sdk?.destroy();
    fs.rmSync(home, { recursive: true, force: true });
  });

  const runOf = (jobId: string): BenchRun => core.runStore.byJob(jobId)!;
  const latestVariables = async () => (await sdk.send(new GetFunctionConfigurationCommand({ FunctionName: 'probe' }))).Environment?.Variables;

  it('stores a cloud run: the alias version, forced cold starts with Init Duration, warm samples with billed duration, wire overhead and cost', async () => {
    const startedBefore = runner.started;
    const job = core.runService.startBench({ dir, variant: 'aws-lambda', deployment: 'prod', load: { mode: 'closed', requests: 30, concurrency: 2 }, warmup: 4, coldStarts: 3 });
    const done = await core.jobs.wait(job.id);
    expect(done.error).toBeNull();
    expect(done.state).toBe('succeeded');

    const run = runOf(job.id);
    expect(run).toMatchObject({
      state: 'complete',
      variant: 'aws-lambda',
      target: { kind: 'cloud', deployment: 'prod', target: 'aws-lambda', functionArn: `arn:aws:lambda:${REGION}:123456789012:function:probe`, version: '1' },
      imageId: null,
      imageDigest: { digest: imageId, source: 'repo-digest' },
      environments: null,
      summary: { partial: false },
    });
    const samples = core.runStore.samples(run.id);
    const cold = samples.filter((s) => s.cold);
    const warm = samples.filter((s) => !s.cold);
    expect(cold).toHaveLength(3);
    for (const sample of cold) expect(sample).toMatchObject({ ok: true, status: 200, initDurationMs: expect.any(Number), billedDurationMs: expect.any(Number) });
    expect(warm).toHaveLength(30);
    for (const sample of warm) expect(sample).toMatchObject({ ok: true, status: 200, initDurationMs: null, billedDurationMs: expect.any(Number) });
    expect(run.summary!.cold!.count).toBe(3);
    // Concurrency 2 warmed two environments of version 1; each forced cold start got a fresh one on $LATEST.
    expect(runner.started - startedBefore).toBe(5);

    // The marker is gone and the function's own variables are back.
    expect(await latestVariables()).toEqual(ORIGINAL_VARIABLES);

    expect(run.wire).toMatchObject({ endpoint: lambda.url, rttMs: { samples: 5 }, clientOverheadMs: { samples: expect.any(Number) } });
    expect(run.wire!.clientOverheadMs.samples).toBeGreaterThanOrEqual(30);
    expect(run.wire!.rttMs.p50).toBeGreaterThan(0);
    expect(run.wire!.clientOverheadMs.p50).toBeGreaterThan(0);
    expect(run.cost).toMatchObject({ basis: { coldSamples: 3, memoryMb: 512, coldShareFrom: 'measured' }, prices: { region: REGION, architecture: 'x86_64' } });
    expect(run.cost!.perMillion.total).toBeGreaterThan(0);
    console.log(`cloud bench against the double: client overhead p50 ${run.wire!.clientOverheadMs.p50.toFixed(3)} ms, p99 ${run.wire!.clientOverheadMs.p99.toFixed(3)} ms per request (${run.wire!.clientOverheadMs.samples}); RTT p50 ${run.wire!.rttMs.p50.toFixed(3)} ms, min ${run.wire!.rttMs.min.toFixed(3)} ms; warm p50 ${run.summary!.warm!.p50Ms.toFixed(2)} ms`);
  }, 240_000);

  it('a 429 in the hot loop is a throttled sample, not a silent retry', async () => {
    lambda.injectStorm({ count: 3, status: 429, operations: ['Invoke'] });
    // The CLI's default variant (local) is replaced by the deployment's target: its image is what runs.
    const job = core.runService.startBench({ dir, variant: 'local', deployment: 'prod', load: { mode: 'closed', requests: 10, concurrency: 1 }, warmup: 0, coldStarts: 0 });
    expect((await core.jobs.wait(job.id)).state).toBe('succeeded');
    expect(runOf(job.id)).toMatchObject({ variant: 'aws-lambda', settings: { variant: 'aws-lambda', deployment: 'prod' } });
    const samples = core.runStore.samples(runOf(job.id).id);
    expect(samples).toHaveLength(10);
    expect(samples.filter((s) => s.status === 'throttled').map((s) => s.seq)).toEqual([0, 1, 2]);
    expect(samples.filter((s) => s.ok)).toHaveLength(7);
  }, 120_000);

  it('past the environments Lambda will start, requests are throttled: counted as such, never retried', async () => {
    // The double starts at most 4 environments per version (Lambda: the function's concurrency); 6 in flight must find some throttled.
    const startedBefore = runner.started;
    const job = core.runService.startBench({ dir, variant: 'aws-lambda', deployment: 'prod', load: { mode: 'closed', requests: 24, concurrency: 6 }, warmup: 0, coldStarts: 0 });
    expect((await core.jobs.wait(job.id)).state).toBe('succeeded');
    const samples = core.runStore.samples(runOf(job.id).id);
    expect(samples).toHaveLength(24);
    expect(samples.filter((s) => s.status === 'throttled').length).toBeGreaterThan(0);
    expect(samples.filter((s) => s.ok).length).toBeGreaterThan(0);
    expect(runner.started - startedBefore).toBeLessThanOrEqual(2);
  }, 120_000);

  it('a forced cold start whose REPORT has no Init Duration is not counted as cold, and the job says so', async () => {
    reuseLatest = true;
    try {
      const job = core.runService.startBench({ dir, variant: 'aws-lambda', deployment: 'prod', load: { mode: 'closed', requests: 3, concurrency: 1 }, warmup: 0, coldStarts: 2 });
      expect((await core.jobs.wait(job.id)).state).toBe('succeeded');
      const run = runOf(job.id);
      expect(run.summary!.cold).toBeNull();
      expect(core.runStore.samples(run.id).filter((s) => s.cold)).toEqual([]);
      const lines = core.jobStore.events(job.id, -1).flatMap((e) => (e.type === 'log' ? [e.line] : []));
      expect(lines).toContain('2 of 2 forced cold starts were not cold and are left out of the cold numbers');
      expect(await latestVariables()).toEqual(ORIGINAL_VARIABLES);
    } finally {
      reuseLatest = false;
    }
  }, 120_000);

  it('a cancel during cold starts stores the run cancelled with its samples, and puts the environment back', async () => {
    const job = core.runService.startBench({ dir, variant: 'aws-lambda', deployment: 'prod', load: { mode: 'closed', requests: 5, concurrency: 1 }, warmup: 0, coldStarts: 50 });
    await expect.poll(() => core.runStore.byJob(job.id) && core.runStore.samples(runOf(job.id).id).filter((s) => s.cold).length, { timeout: 120_000, interval: 100 }).toBeGreaterThanOrEqual(1);
    expect((await latestVariables())?.SKYLIFT_COLD_START).toBeDefined();
    expect((await core.jobs.cancel(job.id)).state).toBe('cancelled');

    const run = runOf(job.id);
    const samples = core.runStore.samples(run.id);
    expect(run).toMatchObject({ state: 'cancelled', summary: { partial: true }, target: { kind: 'cloud', version: '1' } });
    expect(samples.filter((s) => !s.cold)).toHaveLength(5);
    expect(samples.filter((s) => s.cold).length).toBeGreaterThanOrEqual(1);
    expect(samples.filter((s) => s.cold).length).toBeLessThan(50);
    expect(await latestVariables()).toEqual(ORIGINAL_VARIABLES);
  }, 240_000);

  it('refuses cold starts when $LATEST is not the version the alias points at, before measuring anything', async () => {
    await sdk.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'probe', MemorySize: 1024 }));
    try {
      const job = core.runService.startBench({ dir, variant: 'aws-lambda', deployment: 'prod', load: { mode: 'closed', requests: 5, concurrency: 1 }, warmup: 0, coldStarts: 2 });
      const done = await core.jobs.wait(job.id);
      expect(done).toMatchObject({ state: 'failed', error: { code: 'CLOUD_COLD_DRIFT', hint: expect.stringContaining('skylift deploy prod') } });
      expect(core.runStore.byJob(job.id)).toBeUndefined();
    } finally {
      await waitUntilFunctionUpdatedV2({ client: sdk, maxWaitTime: 30 }, { FunctionName: 'probe' });
      await sdk.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'probe', MemorySize: 512 }));
    }
  }, 60_000);
});
