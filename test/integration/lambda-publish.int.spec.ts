import { GetFunctionCommand, LambdaClient, UpdateFunctionConfigurationCommand, waitUntilFunctionUpdatedV2 } from '@aws-sdk/client-lambda';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { GetRoleCommand, IAMClient, ListAttachedRolePoliciesCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeploymentStore } from '../../main/core/deployments/deployment-store';
import { openDatabase } from '../../main/core/store/database';
import { destroyDeployment, destroyPlan } from '../../main/core/targets/aws-lambda/cloud/destroy';
import type { JobEventInput } from '../../shared/contract/jobs';
import { applyDeploy } from '../../main/core/targets/aws-lambda/cloud/apply';
import { planDeploy } from '../../main/core/targets/aws-lambda/cloud/plan';
import { logLines, type PublishHarness, startPublishHarness } from './lambda-publish-harness';

/**
 * Plan and apply of a Lambda deployment against the doubles, through the real SDK clients, the
 * real engine and registry: first publish creates everything, a second plan has nothing to do, a
 * memory change is a new version behind the moved alias, a stale plan is refused, and throttling,
 * server errors and role propagation are waited out where the user sees them.
 */
let h: PublishHarness;
const ROLE_ARN = 'arn:aws:iam::123456789012:role/skylift-publish-it';
const client = () => new LambdaClient({ region: 'us-east-1', endpoint: h.lambda.url, credentials: { accessKeyId: h.doubles.key.accessKeyId, secretAccessKey: h.doubles.key.secretAccessKey }, maxAttempts: 1 });
const changed = (plan: Awaited<ReturnType<typeof planDeploy>>) => plan.lines.filter((l) => l.action !== 'keep').map((l) => `${l.action} ${l.subject}: ${l.before ?? '∅'} → ${l.after ?? '∅'}`);

beforeAll(async () => {
  h = await startPublishHarness('publish-it', { stateDelayMs: 300, updateDelayMs: 300 });
  await h.buildImage(256 * 1024);
}, 180_000);

afterAll(async () => {
  await h?.close();
});

describe('publishing to Lambda: plan, then apply', () => {
  it('with no role anywhere, the plan says a role is needed with both ways out, and apply refuses', async () => {
    const plan = await planDeploy(h.context({}), {});
    expect(plan.warnings.join('\n')).toMatch(/needs an execution role.*role: arn:aws:iam::ACCOUNT:role\/NAME.*create skylift-publish-it/s);
    await expect(applyDeploy(h.context({}), { fingerprint: plan.fingerprint })).rejects.toMatchObject({ code: 'ROLE_NEEDED' });
  });

  it('with no image built, the plan is still shown with a warning, and apply refuses with the build command', async () => {
    const plan = await planDeploy(h.context({ image: null }), { role: { mode: 'create' } });
    expect(plan.warnings.join('\n')).toMatch(/No aws-lambda image is built .*skylift build .* --variant aws-lambda/);
    expect(plan.lines.find((l) => l.subject === 'image layers')?.detail).toMatch(/build it first/);
    await expect(applyDeploy(h.context({ image: null }), { role: { mode: 'create' }, fingerprint: plan.fingerprint })).rejects.toMatchObject({ code: 'IMAGE_NOT_BUILT', hint: expect.stringMatching(/^Build it first: skylift build .* --variant aws-lambda$/) });
    expect(h.lambda.requests.filter((r) => r.operation && !/^(Get|List)/.test(r.operation))).toEqual([]);
  });

  it('a role given by ARN that IAM does not have: the plan warns, apply refuses before changing anything', async () => {
    const role = { mode: 'existing' as const, roleArn: 'arn:aws:iam::123456789012:role/not-there' };
    const plan = await planDeploy(h.context({}), { role });
    expect(plan.warnings).toContain('The role arn:aws:iam::123456789012:role/not-there (the role chosen for this publish) does not exist in account 123456789012: create it, or name another role.');
    await expect(applyDeploy(h.context({}), { role, fingerprint: plan.fingerprint })).rejects.toMatchObject({ code: 'ROLE_MISSING' });
  });

  it('first publish: creates repository, role, function (waiting out role propagation), version 1 and the alias', async () => {
    const plan = await planDeploy(h.context({}), { role: { mode: 'create' } });
    expect(plan).toMatchObject({ changes: true, account: '123456789012', functionName: 'publish-it', alias: 'live', push: { alreadyPushed: false, layers: 1 } });
    expect(changed(plan)).toEqual([
      'create repository publish-it: ∅ → publish-it',
      `create role skylift-publish-it: ∅ → ${ROLE_ARN}`,
      expect.stringMatching(/^push image layers: ∅ → 1 layers, at most \d+\.\d KiB$/),
      'create function publish-it: ∅ → publish-it',
      expect.stringMatching(/^create image: ∅ → image [0-9a-f]{12} \(pinned by digest after the push\)$/),
      'create architecture: ∅ → x86_64',
      'create memory (MB): ∅ → 512',
      'create timeout (s): ∅ → 3',
      'create environment (keys; values never shown): ∅ → (none)',
      `create role: ∅ → ${ROLE_ARN}`,
      'publish version: ∅ → 1',
      'create alias live: ∅ → version 1',
    ]);
    // IAM has not propagated the new role to Lambda until the first refusal has been seen.
    h.lambda.refuseRole(ROLE_ARN);
    const events: JobEventInput[] = [];
    const context = h.context({ events });
    const emit = context.emit;
    context.emit = (event) => {
      emit(event);
      if (event.type === 'log' && /role has not reached Lambda yet/.test(event.line)) setTimeout(() => h.lambda.acceptRole(ROLE_ARN), 300);
    };
    const result = await applyDeploy(context, { role: { mode: 'create' }, fingerprint: plan.fingerprint });
    expect(result).toMatchObject({ version: '1', alias: 'live', previousVersion: null, roleArn: ROLE_ARN, unchanged: false, functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:publish-it' });
    expect(result.imageUri).toBe(`${h.doubles.registry.host}/publish-it@${result.imageDigest}`);
    expect(logLines(events).some((l) => /CreateFunction publish-it: the new role has not reached Lambda yet .*InvalidParameterValueException.*retrying/.test(l))).toBe(true);
    expect(events.filter((e) => e.type === 'step').map((e) => (e as { name: string }).name)).toEqual(['Check the plan', 'Repository', 'Role', 'Push the image', 'Function', 'Version', 'Alias', 'Record the release']);
    // Pinned by digest, never a tag; the role has the basic execution policy; the release is recorded.
    const fn = await client().send(new GetFunctionCommand({ FunctionName: 'publish-it', Qualifier: 'live' }));
    expect(fn.Code?.ImageUri).toBe(result.imageUri);
    expect(fn.Configuration).toMatchObject({ Version: '1', MemorySize: 512, Timeout: 3, Architectures: ['x86_64'], Role: ROLE_ARN, PackageType: 'Image' });
    const iam = new IAMClient({ region: 'us-east-1', endpoint: h.doubles.iam.url, credentials: { accessKeyId: h.doubles.key.accessKeyId, secretAccessKey: h.doubles.key.secretAccessKey } });
    const policies = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'skylift-publish-it' }));
    expect(policies.AttachedPolicies?.map((p) => p.PolicyName)).toEqual(['AWSLambdaBasicExecutionRole']);
    expect(h.store.live(h.dir, 'prod')).toMatchObject({ version: '1', imageDigest: result.imageDigest, functionArn: result.functionArn, alias: 'live', profileId: 'profile-doubles', plan: { fingerprint: plan.fingerprint } });
  }, 180_000);

  it('planning again shows no changes, and applying it touches nothing', async () => {
    const plan = await planDeploy(h.context({}), {});
    expect(changed(plan)).toEqual([]);
    expect(plan).toMatchObject({ changes: false, push: { alreadyPushed: true, layersToPush: 0, bytesToPush: 0 } });
    const before = h.lambda.requests.length;
    const result = await applyDeploy(h.context({}), { fingerprint: plan.fingerprint });
    expect(result).toMatchObject({ unchanged: true, version: '1' });
    const writes = h.lambda.requests.slice(before).filter((r) => r.operation && !/^(Get|List)/.test(r.operation));
    expect(writes).toEqual([]);
  });

  it('a plan is refused once the cloud changed after it (someone else updated the function)', async () => {
    const plan = await planDeploy(h.context({}), {});
    await client().send(new UpdateFunctionConfigurationCommand({ FunctionName: 'publish-it', Description: 'changed by hand' }));
    await waitUntilFunctionUpdatedV2({ client: client(), maxWaitTime: 30 }, { FunctionName: 'publish-it' });
    await expect(applyDeploy(h.context({}), { fingerprint: plan.fingerprint })).rejects.toMatchObject({ code: 'PLAN_STALE', message: expect.stringMatching(/changed since the plan/), hint: expect.stringMatching(/Plan again/) });
  });

  it('a memory change: the plan shows before → after; apply rides out a 429 and a 503 storm, publishes version 2 and moves the alias', async () => {
    h.setYaml((yaml) => yaml.replace('memoryMb: 512', 'memoryMb: 1024'));
    const plan = await planDeploy(h.context({}), {});
    expect(changed(plan)).toEqual(['update function publish-it: ∅ → ∅', 'update memory (MB): 512 → 1024', 'publish version: 1 → 2', 'move alias live: version 1 → version 2']);
    h.lambda.injectStorm({ count: 3, status: 429, operations: ['UpdateFunctionConfiguration'] });
    h.lambda.injectStorm({ count: 2, status: 503, operations: ['PublishVersion'] });
    const events: JobEventInput[] = [];
    const result = await applyDeploy(h.context({ events }), { fingerprint: plan.fingerprint });
    expect(result).toMatchObject({ version: '2', previousVersion: '1', unchanged: false });
    const lines = logLines(events);
    expect(lines.filter((l) => /UpdateFunctionConfiguration publish-it \(memoryMb\): AWS is throttling requests \(TooManyRequestsException 429\); retrying/.test(l))).toHaveLength(3);
    expect(lines.filter((l) => /PublishVersion publish-it: AWS answered with a server error \(ServiceException 503\); retrying/.test(l))).toHaveLength(2);
    const live = await client().send(new GetFunctionCommand({ FunctionName: 'publish-it', Qualifier: 'live' }));
    expect(live.Configuration).toMatchObject({ Version: '2', MemorySize: 1024 });
    expect(h.store.history(h.dir, 'prod').map((r) => r.version)).toEqual(['2', '1']);
    expect((await planDeploy(h.context({}), {})).changes).toBe(false);
  }, 120_000);

  it('the function and the role Skylift created carry its tags (project, deployment, managed-by); the AWS CLI reads them too', async () => {
    const marks = { 'skylift:managed-by': 'skylift', 'skylift:project': 'publish-it', 'skylift:deployment': 'prod' };
    expect((await client().send(new GetFunctionCommand({ FunctionName: 'publish-it', Qualifier: 'live' }))).Tags).toEqual(marks);
    const iam = new IAMClient({ region: 'us-east-1', endpoint: h.doubles.iam.url, credentials: { accessKeyId: h.doubles.key.accessKeyId, secretAccessKey: h.doubles.key.secretAccessKey } });
    const role = await iam.send(new GetRoleCommand({ RoleName: 'skylift-publish-it' }));
    expect(role.Role?.Tags).toEqual([
      { Key: 'skylift:managed-by', Value: 'skylift' },
      { Key: 'skylift:project', Value: 'publish-it' },
    ]);
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: os.tmpdir(), AWS_ACCESS_KEY_ID: h.doubles.key.accessKeyId, AWS_SECRET_ACCESS_KEY: h.doubles.key.secretAccessKey, AWS_REGION: 'us-east-1', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_PAGER: '' };
    const { stdout } = await promisify(execFile)('/usr/bin/aws', ['lambda', 'get-function', '--function-name', 'publish-it', '--endpoint-url', h.lambda.url, '--output', 'json'], { env, timeout: 60_000 });
    expect((JSON.parse(stdout) as { Tags?: unknown }).Tags).toEqual(marks);
  }, 90_000);

  it('another machine, its deployments store empty, plans and destroys the function by its tags', async () => {
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'skylift-laptop-'));
    const db = openDatabase(path.join(elsewhere, 'skylift.db'));
    try {
      const laptop = new DeploymentStore(db);
      const context = { ...h.context({}), store: laptop };
      expect(laptop.history(h.dir, 'prod')).toEqual([]);
      const plan = await destroyPlan(context, { images: false });
      expect(plan.lines.map((l) => `${l.action} ${l.subject}`)).toEqual(['delete alias live', 'delete function publish-it', 'keep role skylift-publish-it', 'keep images in publish-it']);
      expect(await destroyDeployment(context, { images: false, fingerprint: plan.fingerprint })).toEqual({ deleted: ['alias live', 'function publish-it'] });
      await expect(client().send(new GetFunctionCommand({ FunctionName: 'publish-it' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    } finally {
      db.close();
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  }, 120_000);
});
