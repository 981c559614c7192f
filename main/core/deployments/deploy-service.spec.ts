import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireJobResult } from '../../../shared/contract';
import type { VerifyResult } from '../../../shared/contract/deploy';
import { SkyliftError } from '../../../shared/errors';
import { useTempDir } from '../../../test/helpers/temp';
import type { EngineService } from '../engine/engine-service';
import { EventBus } from '../events';
import { JobRunner } from '../jobs/job-runner';
import { JobStore } from '../jobs/job-store';
import type { ProfileService } from '../profiles/profile-service';
import { requireProject } from '../project/project-files';
import { PayloadStore } from '../runs/payloads';
import { RunStore } from '../runs/run-store';
import { openDatabase } from '../store/database';
import type { CloudContext, CloudOperations, VerifyInput } from '../targets/cloud';
import { DeployService, type DeployServiceDeps } from './deploy-service';
import { DeploymentStore } from './deployment-store';

/**
 * The service's own logic with the cloud stood in for (real stores, real job runner, a real
 * project folder): deadlines on plans, refusals before a job, and what a verify stores.
 */
const digest = (n: number) => `sha256:${n.toString(16).padStart(64, '0')}`;
const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:svc';
const verified = (over: Partial<VerifyResult> = {}): VerifyResult => ({
  ok: true,
  deployment: 'prod',
  functionArn: ARN,
  version: '2',
  checks: [{ name: 'answer', status: 'pass', detail: 'same JSON' }],
  cloudBody: '{"echo":{}}',
  localBody: null,
  report: { initDurationMs: 812.5, billedDurationMs: 900, maxMemoryUsedMb: 77 },
  runId: null,
  rolledBackTo: null,
  ...over,
});

describe('DeployService', () => {
  const tempDir = useTempDir();

  function setup(cloud: Partial<CloudOperations>, over: Partial<DeployServiceDeps> = {}) {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'sample-payloads'));
    fs.writeFileSync(path.join(dir, 'sample-payloads', 'hello.json'), '{"hello":1}');
    fs.writeFileSync(path.join(dir, 'skylift.yaml'), 'name: svc\npython: "3.11"\nframework:\n  name: none\nmodel: model:M\ntargets:\n  aws-lambda: {}\ndeployments:\n  prod: { target: aws-lambda, profile: work, region: us-east-1 }\n');
    const db = openDatabase(path.join(tempDir(), 'skylift.db'));
    const jobStore = new JobStore(db);
    const deployments = new DeploymentStore(db);
    const runs = new RunStore(db);
    const jobs = new JobRunner({ store: jobStore, bus: new EventBus() });
    const contextFor: DeployServiceDeps['contextFor'] = async (_deps, projectDir, name, job) => {
      const source = requireProject(projectDir);
      const context = { projectDir: source.dir, config: source.config, deploymentName: name, deployment: source.config.deployments![name]!, store: deployments, localImage: null, emit: () => undefined, signal: job?.signal ?? new AbortController().signal } as unknown as CloudContext;
      return { context, cloud: cloud as CloudOperations };
    };
    const service = new DeployService({
      engine: {} as EngineService,
      profiles: {} as ProfileService,
      deployments,
      jobs,
      runs,
      payloads: new PayloadStore(db),
      invokeLocal: async () => {
        throw new SkyliftError({ code: 'IMAGE_NOT_BUILT', message: 'The aws-lambda variant is not built.' });
      },
      contextFor,
      ...over,
    });
    const finish = async (job: { id: string }) => (await jobs.wait(job.id), jobStore.events(job.id, -1));
    return { dir: fs.realpathSync(dir), service, runs, deployments, jobStore, finish };
  }

  it('a plan that gets no answer fails at the deadline with what to check, and its operation sees the abort', async () => {
    let signal: AbortSignal | undefined;
    const { dir, service } = setup({ plan: (context) => ((signal = context.signal), new Promise(() => undefined)) }, { planDeadlineMs: 50 });
    await expect(service.plan({ dir, deployment: 'prod' })).rejects.toMatchObject({ code: 'CLOUD_TIMEOUT', message: expect.stringContaining('Planning prod') });
    expect(signal?.aborted).toBe(true);
  });

  it('refuses an unknown deployment before any job exists', () => {
    const { dir, service, jobStore } = setup({});
    expect(() => service.apply({ dir, deployment: 'nope', fingerprint: 'f' })).toThrow(expect.objectContaining({ code: 'DEPLOYMENT_UNKNOWN' }));
    expect(jobStore.list(10)).toEqual([]);
  });

  it("publishes as a job titled after the project and deployment, with the cloud's result", async () => {
    const result = { deployment: 'prod', functionArn: ARN, version: '1', alias: 'live', imageUri: `repo@${digest(1)}`, imageDigest: digest(1), previousVersion: null, roleArn: 'arn:aws:iam::123456789012:role/r', unchanged: false };
    const { dir, service, finish } = setup({ apply: async (_c, request) => (expect(request.fingerprint).toBe('fp-9'), result) });
    const job = service.apply({ dir, deployment: 'prod', fingerprint: 'fp-9' });
    expect(job.title).toBe('Publish svc to prod');
    expect(requireJobResult('deploy', await finish(job))).toEqual(result);
  });

  it('verify without a local answer checks the cloud alone, and stores a verify run with the REPORT numbers and the digest of the version it reached', async () => {
    const inputs: VerifyInput[] = [];
    const { dir, service, runs, deployments, finish } = setup({ verify: async (_c, input) => (inputs.push(input), verified()) });
    for (const version of ['1', '2']) {
      deployments.record({ projectDir: dir, name: 'prod', target: 'aws-lambda', functionArn: ARN, version, alias: 'live', imageDigest: digest(Number(version)), profileId: 'p', plan: { fingerprint: 'f' }, deployedAt: new Date().toISOString() });
    }
    const result = requireJobResult('verify', await finish(service.verify({ dir, deployment: 'prod', rollbackOnFailure: true })));
    expect(inputs).toEqual([{ payload: '{"hello":1}', localAnswer: null, rollbackOnFailure: true }]);
    const run = runs.get(result.runId!)!;
    expect(run).toMatchObject({ runKind: 'verify', state: 'complete', failure: null, target: { kind: 'cloud', deployment: 'prod', target: 'aws-lambda', functionArn: ARN, version: '2' }, imageDigest: { digest: digest(2), source: 'repo-digest' } });
    expect(run.settings.payloads).toEqual(['hello.json']);
    expect(runs.samples(run.id)).toEqual([expect.objectContaining({ ok: true, cold: true, initDurationMs: 812.5, billedDurationMs: 900, maxMemoryUsedMb: 77 })]);
  });

  it("verify compares with the local variant's answer, and a failed verification is a failed run naming the failed checks", async () => {
    const inputs: VerifyInput[] = [];
    const failing = verified({ ok: false, checks: [{ name: 'answer', status: 'fail', detail: 'The answers differ at $.echo' }], report: null });
    const { dir, service, runs, finish } = setup(
      { verify: async (_c, input) => (inputs.push(input), failing) },
      { invokeLocal: async () => ({ ok: true, status: 200, body: Buffer.from('{"echo":{"hello":1}}'), latencyMs: 3, serverDurationMs: null }) },
    );
    const result = requireJobResult('verify', await finish(service.verify({ dir, deployment: 'prod', rollbackOnFailure: false })));
    expect(inputs[0]!.localAnswer).toEqual({ ok: true, body: '{"echo":{"hello":1}}' });
    expect(result.ok).toBe(false);
    expect(runs.get(result.runId!)).toMatchObject({ state: 'failed', failure: { code: 'VERIFY_FAILED', message: 'answer: The answers differ at $.echo' }, imageDigest: null });
    expect(runs.samples(result.runId!)).toEqual([expect.objectContaining({ ok: false, cold: false, billedDurationMs: null })]);
  });
});
