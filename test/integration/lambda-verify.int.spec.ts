import { GetAliasCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollbackDeployment } from '../../main/core/targets/aws-lambda/cloud/rollback';
import { verifyDeployment } from '../../main/core/targets/aws-lambda/cloud/verify';
import { useTempDir } from '../helpers/temp';
import { awsCli, cloudContextForTest, type LambdaWorld, makeFunction, pushProbe, recordRelease, startLambdaWorld } from './lambda-verify-world';

/**
 * Verify and rollback through the real SDK against the doubles: the alias is invoked for real (the
 * probe image pulled from the registry and run in the engine), its REPORT read from the log tail.
 */
describe('Lambda verify and rollback (doubles, real SDK, real engine)', () => {
  let world: LambdaWorld;
  let image: { uri: string; digest: string };
  const tempDir = useTempDir();
  const project = 'verify-probe';

  beforeAll(async () => {
    world = await startLambdaWorld();
    image = await pushProbe(world, project);
  }, 300_000);
  afterAll(async () => {
    await world?.close();
    await world?.docker.getImage(image?.uri ?? 'none').remove({ noprune: true }).catch(() => undefined);
  });

  /** A function with `versions` versions, each recorded as a release Skylift made live. */
  async function deployed(name: string, versions: number) {
    const dir = tempDir();
    const made = await makeFunction(world, { name, imageUri: image.uri, versions });
    const { context, events, store } = cloudContextForTest(world, { dir, project, functionName: name });
    for (const version of made.versions) recordRelease(store, dir, made.functionArn, version, image.digest);
    return { ...made, context, events, store, dir };
  }
  const aliasVersion = async (name: string) => (await world.lambda.send(new GetAliasCommand({ FunctionName: name, Name: 'live' }))).FunctionVersion;

  it('passes when Lambda answers what the local variant answered, with the REPORT of a cold start', { timeout: 180_000 }, async () => {
    const fn = await deployed('verify-equal', 1);
    const result = await verifyDeployment(fn.context, { payload: '{"n":7}', localAnswer: { ok: true, body: '{ "echo": { "n": 7 } }' }, rollbackOnFailure: false });
    expect(result.checks.map((c) => [c.name, c.status])).toEqual([
      ['The function answered', 'pass'],
      ['Lambda reported the invocation', 'pass'],
      ['Same answer as the local variant', 'pass'],
      ['The alias serves the live release', 'pass'],
    ]);
    expect(result).toMatchObject({ ok: true, deployment: 'prod', functionArn: fn.functionArn, version: '1', runId: null, rolledBackTo: null, localBody: '{ "echo": { "n": 7 } }' });
    expect(JSON.parse(result.cloudBody)).toEqual({ echo: { n: 7 } });
    // The first invoke of a version is a cold start: Init Duration is reported.
    expect(result.report?.initDurationMs).toBeGreaterThan(0);
    expect(result.report?.billedDurationMs).toBeGreaterThan(0);
    expect(result.report?.maxMemoryUsedMb).toBeGreaterThan(0);
    expect(fn.events.filter((e) => e.type === 'step').map((e) => e.type === 'step' && e.name)).toEqual(['Reading alias live', 'Invoking verify-equal:live', 'Comparing with the local answer']);
  });

  it('fails on a different answer, names the first difference, and rolls back only when asked', { timeout: 180_000 }, async () => {
    const fn = await deployed('verify-differs', 2);
    const local = { ok: true, body: '{"echo":{"n":8}}' };
    const kept = await verifyDeployment(fn.context, { payload: '{"n":7}', localAnswer: local, rollbackOnFailure: false });
    expect(kept.ok).toBe(false);
    expect(kept.checks.find((c) => c.name === 'Same answer as the local variant')).toEqual({ name: 'Same answer as the local variant', status: 'fail', detail: 'The answers differ at $.echo.n: Lambda "7", local "8".' });
    expect(kept.rolledBackTo).toBeNull();
    expect(await aliasVersion('verify-differs')).toBe('2');

    const rolled = await verifyDeployment(fn.context, { payload: '{"n":7}', localAnswer: local, rollbackOnFailure: true });
    expect(rolled).toMatchObject({ ok: false, version: '2', rolledBackTo: '1' });
    // The rollback is verify's fourth step; its own steps are told as lines inside it.
    expect(fn.events.filter((e) => e.type === 'step').at(-1)).toEqual({ type: 'step', index: 4, total: 4, name: 'Rolling back to the version before' });
    expect(fn.events.some((e) => e.type === 'log' && e.line === 'Moving alias live: version 2 → 1')).toBe(true);
    expect(await aliasVersion('verify-differs')).toBe('1');
    // The rollback is a release: the store says version 1 is live, with the digest it runs.
    expect(fn.store.live(fn.dir, 'prod')).toMatchObject({ version: '1', imageDigest: image.digest, functionArn: fn.functionArn });
  });

  it('fails when the function fails (FunctionError), whatever the local answer', { timeout: 180_000 }, async () => {
    const fn = await deployed('verify-throws', 1);
    const result = await verifyDeployment(fn.context, { payload: '{"exit":3}', localAnswer: null, rollbackOnFailure: false });
    expect(result.ok).toBe(false);
    const answered = result.checks.find((c) => c.name === 'The function answered')!;
    expect(answered.status).toBe('fail');
    expect(answered.detail).toMatch(/^Version 1 failed \(Unhandled\): /);
    expect(result.checks.find((c) => c.name === 'Same answer as the local variant')?.status).toBe('warn');
  });

  it('with rollback on failure and nothing before, says the rollback did not happen and keeps the findings', { timeout: 180_000 }, async () => {
    const fn = await deployed('verify-first', 1);
    const result = await verifyDeployment(fn.context, { payload: '{"n":1}', localAnswer: { ok: true, body: 'not what Lambda says' }, rollbackOnFailure: true });
    expect(result.ok).toBe(false);
    expect(result.rolledBackTo).toBeNull();
    expect(result.checks.at(-1)).toMatchObject({ name: 'Rolled back', status: 'fail' });
    expect(result.checks.at(-1)?.detail).toMatch(/nothing to roll back to/);
    expect(await aliasVersion('verify-first')).toBe('1');
  });

  it('warns when the alias serves a version Skylift did not make live from here', { timeout: 180_000 }, async () => {
    const fn = await deployed('verify-moved', 2);
    fn.store.forget(fn.dir, 'prod');
    recordRelease(fn.store, fn.dir, fn.functionArn, '1', image.digest);
    const result = await verifyDeployment(fn.context, { payload: '{"n":2}', localAnswer: { ok: true, body: '{"echo":{"n":2}}' }, rollbackOnFailure: true });
    expect(result.ok).toBe(true);
    expect(result.checks.find((c) => c.name === 'The alias serves the live release')).toMatchObject({ status: 'warn' });
    expect(result.rolledBackTo).toBeNull();
  });

  it('stops at once when cancelled while the function is still starting, with the cancel as the reason', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    await makeFunction(world, { name: 'verify-cancelled', imageUri: image.uri, versions: 1, environment: { PROBE_INIT: 'sleep:20' } });
    const { context } = cloudContextForTest(world, { dir, project, functionName: 'verify-cancelled' });
    const controller = new AbortController();
    const reason = new Error('cancelled by the user');
    setTimeout(() => controller.abort(reason), 1_000);
    const started = Date.now();
    await expect(verifyDeployment({ ...context, signal: controller.signal }, { payload: '{}', localAnswer: null, rollbackOnFailure: false })).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses to verify a deployment that was never published', { timeout: 60_000 }, async () => {
    const { context } = cloudContextForTest(world, { dir: tempDir(), project, functionName: 'never-published' });
    await expect(verifyDeployment(context, { payload: '{}', localAnswer: null, rollbackOnFailure: false })).rejects.toMatchObject({ code: 'DEPLOYMENT_NOT_PUBLISHED' });
  });

  it('rolls back to the version before, again further back, and refuses when there is nothing before', { timeout: 180_000 }, async () => {
    const fn = await deployed('rollback-three', 3);
    expect(await rollbackDeployment(fn.context, {})).toEqual({ alias: 'live', fromVersion: '3', toVersion: '2' });
    expect(await rollbackDeployment(fn.context, {})).toEqual({ alias: 'live', fromVersion: '2', toVersion: '1' });
    expect(await aliasVersion('rollback-three')).toBe('1');
    expect(await awsCli(world, world.doubles.lambda!.url, ['lambda', 'get-alias', '--function-name', 'rollback-three', '--name', 'live'])).toMatchObject({ Name: 'live', FunctionVersion: '1' });
    await expect(rollbackDeployment(fn.context, {})).rejects.toMatchObject({ code: 'ROLLBACK_NOTHING_BEFORE' });
    expect(await aliasVersion('rollback-three')).toBe('1');
    // A named version goes anywhere, forward too; the store follows every move.
    expect(await rollbackDeployment(fn.context, { toVersion: '3' })).toEqual({ alias: 'live', fromVersion: '1', toVersion: '3' });
    expect(fn.store.history(fn.dir, 'prod').slice(0, 3).map((r) => r.version)).toEqual(['3', '1', '2']);
    await expect(rollbackDeployment(fn.context, { toVersion: '3' })).rejects.toMatchObject({ code: 'ROLLBACK_SAME_VERSION' });
    await expect(rollbackDeployment(fn.context, { toVersion: '9' })).rejects.toMatchObject({ code: 'ROLLBACK_VERSION_MISSING' });
  });

  it('without records of its own, rolls back to the published version Lambda lists below the live one', { timeout: 180_000 }, async () => {
    const made = await makeFunction(world, { name: 'rollback-unrecorded', imageUri: image.uri, versions: 2 });
    const { context } = cloudContextForTest(world, { dir: tempDir(), project, functionName: 'rollback-unrecorded' });
    expect(made.versions).toEqual(['1', '2']);
    expect(await rollbackDeployment(context, {})).toEqual({ alias: 'live', fromVersion: '2', toVersion: '1' });
  });

  it('refuses to overwrite an alias that moved between reading and moving it (RevisionId guard)', { timeout: 180_000 }, async () => {
    const fn = await deployed('rollback-raced', 3);
    const control = world.lambdaDouble.control;
    const read = control.GetAlias.bind(control);
    // Someone moves the alias right after Skylift read it: Skylift's answer is now stale.
    control.GetAlias = (input) => {
      const stale = read(input);
      control.GetAlias = read;
      control.UpdateAlias({ FunctionName: 'rollback-raced', Name: 'live', FunctionVersion: '1' });
      return stale;
    };
    await expect(rollbackDeployment(fn.context, {})).rejects.toMatchObject({ code: 'ROLLBACK_RACED' });
    expect(await aliasVersion('rollback-raced')).toBe('1');
    expect(fn.store.live(fn.dir, 'prod')?.version).toBe('3');
  });

  it('retries a throttled UpdateAlias and tells the user it did', { timeout: 180_000 }, async () => {
    const fn = await deployed('rollback-throttled', 2);
    world.lambdaDouble.injectStorm({ count: 2, status: 429, operations: ['UpdateAlias'] });
    expect(await rollbackDeployment(fn.context, {})).toMatchObject({ toVersion: '1' });
    const retries = fn.events.filter((e) => e.type === 'log' && /UpdateAlias rollback-throttled:live: AWS is throttling requests/.test(e.line));
    expect(retries).toHaveLength(2);
  });
});
