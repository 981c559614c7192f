import { DescribeImagesCommand, DescribeRepositoriesCommand } from '@aws-sdk/client-ecr';
import { CreateAliasCommand, CreateFunctionCommand, GetFunctionCommand, ListAliasesCommand, PublishVersionCommand, UpdateFunctionConfigurationCommand, waitUntilFunctionActiveV2, waitUntilFunctionUpdatedV2 } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destroyDeployment, destroyPlan } from '../../main/core/targets/aws-lambda/cloud/destroy';
import { useTempDir } from '../helpers/temp';
import { awsCli, cloudContextForTest, type LambdaWorld, makeFunction, pushProbe, recordRelease, startLambdaWorld } from './lambda-verify-world';

/** Destroy through the real SDK against the doubles: a plan first, then exactly what it listed. */
describe('Lambda destroy (doubles, real SDK)', () => {
  let world: LambdaWorld;
  const tempDir = useTempDir();

  beforeAll(async () => {
    world = await startLambdaWorld();
  }, 300_000);
  afterAll(async () => {
    await world?.close();
  });

  /** A project of its own (so its own Skylift repository) with a function published as Skylift leaves it. */
  async function published(project: string, versions: number) {
    const dir = tempDir();
    const image = await pushProbe(world, project);
    const made = await makeFunction(world, { name: project, imageUri: image.uri, versions });
    const { context, events, store } = cloudContextForTest(world, { dir, project, functionName: project });
    for (const version of made.versions) recordRelease(store, dir, made.functionArn, version, image.digest);
    return { ...made, image, context, events, store, dir };
  }
  const functionExists = (name: string) =>
    world.lambda.send(new GetFunctionCommand({ FunctionName: name })).then(
      () => true,
      (error: Error) => (error.name === 'ResourceNotFoundException' ? false : Promise.reject(error)),
    );
  const repositoryImages = (repositoryName: string) =>
    world.ecr.send(new DescribeImagesCommand({ repositoryName })).then(
      (answer) => (answer.imageDetails ?? []).map((d) => d.imageDigest),
      (error: Error) => (error.name === 'RepositoryNotFoundException' ? null : Promise.reject(error)),
    );

  it('plans what exists, then deletes alias and function, forgets the record and keeps the images', { timeout: 180_000 }, async () => {
    const fn = await published('destroy-keep-images', 2);
    const plan = await destroyPlan(fn.context, { images: false });
    expect(plan).toMatchObject({ deployment: 'prod', functionName: 'destroy-keep-images', region: world.doubles.region, changes: true, warnings: [] });
    expect(plan.lines.map((l) => [l.action, l.subject, l.before])).toEqual([
      ['delete', 'alias live', 'version 2'],
      ['delete', 'function destroy-keep-images', '2 published versions (1, 2)'],
      ['keep', 'role skylift-verify-tests', null],
      ['delete', "Skylift's record of prod", '2 releases'],
      ['keep', 'images in destroy-keep-images', null],
    ]);

    const result = await destroyDeployment(fn.context, { images: false, fingerprint: plan.fingerprint });
    expect(result.deleted).toEqual(['alias live', 'function destroy-keep-images', 'record of prod']);
    expect(await functionExists('destroy-keep-images')).toBe(false);
    await expect(awsCli(world, world.doubles.lambda!.url, ['lambda', 'get-function', '--function-name', 'destroy-keep-images'])).rejects.toMatchObject({ stderr: expect.stringContaining('ResourceNotFoundException') });
    expect(fn.store.live(fn.dir, 'prod')).toBeNull();
    expect(await repositoryImages(fn.image.repository)).toEqual([fn.image.digest]);

    const after = await destroyPlan(fn.context, { images: false });
    expect(after).toMatchObject({ changes: false, lines: [], warnings: [] });
  });

  it('deletes the images this deployment ran and the repository only when asked', { timeout: 180_000 }, async () => {
    const fn = await published('destroy-with-images', 1);
    const plan = await destroyPlan(fn.context, { images: true });
    expect(plan.lines.filter((l) => /^(image|repository) /.test(l.subject)).map((l) => [l.action, l.subject, l.before])).toEqual([
      ['delete', `image ${fn.image.digest}`, 'tags v1'],
      ['delete', 'repository destroy-with-images', '1 image'],
    ]);
    // A plan without images is another plan: its fingerprint does not confirm this one.
    await expect(destroyDeployment(fn.context, { images: false, fingerprint: plan.fingerprint })).rejects.toMatchObject({ code: 'PLAN_STALE' });

    const result = await destroyDeployment(fn.context, { images: true, fingerprint: plan.fingerprint });
    expect(result.deleted).toEqual(['alias live', 'function destroy-with-images', 'record of prod', `image ${fn.image.digest}`, 'repository destroy-with-images']);
    expect(await repositoryImages(fn.image.repository)).toBeNull();
    await expect(world.ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [fn.image.repository] }))).rejects.toMatchObject({ name: 'RepositoryNotFoundException' });
  });

  it('refuses a stale plan: a version published since the plan means nothing is deleted', { timeout: 180_000 }, async () => {
    const fn = await published('destroy-stale', 1);
    const plan = await destroyPlan(fn.context, { images: false });
    await world.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'destroy-stale', Environment: { Variables: { RELEASE: 'late' } } }));
    await waitUntilFunctionUpdatedV2({ client: world.lambda, maxWaitTime: 30 }, { FunctionName: 'destroy-stale' });
    await world.lambda.send(new PublishVersionCommand({ FunctionName: 'destroy-stale' }));

    await expect(destroyDeployment(fn.context, { images: false, fingerprint: plan.fingerprint })).rejects.toMatchObject({ code: 'PLAN_STALE' });
    expect(await functionExists('destroy-stale')).toBe(true);
    expect(fn.store.live(fn.dir, 'prod')).not.toBeNull();
    const fresh = await destroyPlan(fn.context, { images: false });
    expect(fresh.lines[1]).toMatchObject({ subject: 'function destroy-stale', before: '2 published versions (1, 2)' });
  });

  it('refuses to plan the destroy of a function Skylift has no record of publishing', { timeout: 180_000 }, async () => {
    const image = await pushProbe(world, 'destroy-foreign');
    await makeFunction(world, { name: 'destroy-foreign', imageUri: image.uri, versions: 1 });
    const { context } = cloudContextForTest(world, { dir: tempDir(), project: 'destroy-foreign', functionName: 'destroy-foreign' });
    await expect(destroyPlan(context, { images: false })).rejects.toMatchObject({ code: 'DESTROY_NOT_SKYLIFTS', message: expect.stringMatching(/no record of publishing .*destroy-foreign/) });
    await expect(destroyDeployment(context, { images: false, fingerprint: 'sha256:whatever' })).rejects.toMatchObject({ code: 'DESTROY_NOT_SKYLIFTS' });
    expect(await functionExists('destroy-foreign')).toBe(true);
  });

  it('refuses a function whose image is not in the project\'s Skylift repository, even with a record', { timeout: 180_000 }, async () => {
    const other = await pushProbe(world, 'someone-elses');
    const made = await makeFunction(world, { name: 'destroy-elsewhere', imageUri: other.uri, versions: 1 });
    const dir = tempDir();
    const { context, store } = cloudContextForTest(world, { dir, project: 'destroy-elsewhere', functionName: 'destroy-elsewhere' });
    recordRelease(store, dir, made.functionArn, '1', other.digest);
    await expect(destroyPlan(context, { images: true })).rejects.toMatchObject({ code: 'DESTROY_NOT_SKYLIFTS', message: expect.stringMatching(/not an image from Skylift's repository destroy-elsewhere/) });
    expect(await functionExists('destroy-elsewhere')).toBe(true);
  });

  it('with another deployment of the project on the same function, deletes only this deployment\'s alias', { timeout: 180_000 }, async () => {
    const dir = tempDir();
    const image = await pushProbe(world, 'destroy-shared');
    const made = await makeFunction(world, { name: 'destroy-shared', imageUri: image.uri, versions: 2 });
    await world.lambda.send(new CreateAliasCommand({ FunctionName: 'destroy-shared', Name: 'beta', FunctionVersion: '1' }));
    const { context, store } = cloudContextForTest(world, { dir, project: 'destroy-shared', functionName: 'destroy-shared', sameFunction: { staging: 'beta' } });
    recordRelease(store, dir, made.functionArn, '2', image.digest);
    recordRelease(store, dir, made.functionArn, '1', image.digest, 'staging');
    const plan = await destroyPlan(context, { images: true });
    expect(plan.lines.map((l) => `${l.action} ${l.subject}`)).toEqual(['delete alias live', 'keep function destroy-shared', "delete Skylift's record of prod"]);
    expect(await destroyDeployment(context, { images: true, fingerprint: plan.fingerprint })).toEqual({ deleted: ['alias live', 'record of prod'] });
    const aliases = await world.lambda.send(new ListAliasesCommand({ FunctionName: 'destroy-shared' }));
    expect(aliases.Aliases?.map((a) => a.Name)).toEqual(['beta']);
    expect(store.live(dir, 'staging')).not.toBeNull();
    expect(await repositoryImages(image.repository)).toEqual([image.digest]);
  });

  /** A function as publishing from another machine (CI) leaves it: tagged, version 1 behind alias live; this machine's store knows nothing of it. */
  async function publishedElsewhere(project: string, name: string, tags: Record<string, string>, pushed?: Awaited<ReturnType<typeof pushProbe>>) {
    const image = pushed ?? (await pushProbe(world, project));
    await world.lambda.send(new CreateFunctionCommand({ FunctionName: name, PackageType: 'Image', Code: { ImageUri: image.uri }, Role: world.roleArn, Tags: tags }));
    await waitUntilFunctionActiveV2({ client: world.lambda, maxWaitTime: 30 }, { FunctionName: name });
    const version = (await world.lambda.send(new PublishVersionCommand({ FunctionName: name }))).Version!;
    await world.lambda.send(new CreateAliasCommand({ FunctionName: name, Name: 'live', FunctionVersion: version }));
    const { context, store } = cloudContextForTest(world, { dir: tempDir(), project, functionName: name });
    return { image, context, store };
  }
  const marks = (project: string, deployment = 'prod') => ({ 'skylift:managed-by': 'skylift', 'skylift:project': project, 'skylift:deployment': deployment });

  it('from a machine with no record of it, destroys a function carrying Skylift\'s tags for this project and deployment, images included', { timeout: 180_000 }, async () => {
    const fn = await publishedElsewhere('destroy-from-laptop', 'destroy-from-laptop', marks('destroy-from-laptop'));
    expect(fn.store.history(fn.context.projectDir, 'prod')).toEqual([]);
    const plan = await destroyPlan(fn.context, { images: true });
    expect(plan.lines.map((l) => `${l.action} ${l.subject}`)).toEqual(['delete alias live', 'delete function destroy-from-laptop', 'keep role skylift-verify-tests', `delete image ${fn.image.digest}`, 'delete repository destroy-from-laptop']);
    const result = await destroyDeployment(fn.context, { images: true, fingerprint: plan.fingerprint });
    expect(result.deleted).toEqual(['alias live', 'function destroy-from-laptop', `image ${fn.image.digest}`, 'repository destroy-from-laptop']);
    expect(await functionExists('destroy-from-laptop')).toBe(false);
    expect(await repositoryImages(fn.image.repository)).toBeNull();
  });

  it('from a machine with no record of it, refuses an untagged function and one tagged for another deployment or project, naming the tags it looked for', { timeout: 180_000 }, async () => {
    const looked = /no record of publishing .* as deployment prod on this machine, and it does not carry Skylift's tags skylift:managed-by=skylift, skylift:project=destroy-unmarked and skylift:deployment=prod/;
    const cases = [
      { name: 'destroy-unmarked', tags: { team: 'ml' } },
      { name: 'destroy-unmarked-staging', tags: marks('destroy-unmarked', 'staging') },
      { name: 'destroy-unmarked-other', tags: marks('another-project') },
    ];
    const image = await pushProbe(world, 'destroy-unmarked');
    for (const { name, tags } of cases) {
      const fn = await publishedElsewhere('destroy-unmarked', name, tags, image);
      await expect(destroyPlan(fn.context, { images: true })).rejects.toMatchObject({ code: 'DESTROY_NOT_SKYLIFTS', message: expect.stringMatching(looked) });
      await expect(destroyDeployment(fn.context, { images: true, fingerprint: 'sha256:whatever' })).rejects.toMatchObject({ code: 'DESTROY_NOT_SKYLIFTS' });
      expect(await functionExists(name)).toBe(true);
    }
    expect(await repositoryImages('destroy-unmarked')).toEqual([image.digest]);
  });

  it('from a machine with no record, keeps an image another deployment of the project runs (read from its function, not from the store)', { timeout: 180_000 }, async () => {
    const fn = await publishedElsewhere('destroy-images-shared', 'destroy-images-shared', marks('destroy-images-shared'));
    await publishedElsewhere('destroy-images-shared', 'destroy-images-staging', marks('destroy-images-shared', 'staging'), fn.image);
    const prod = fn.context.config.deployments!.prod!;
    const context = { ...fn.context, config: { ...fn.context.config, deployments: { prod, staging: { ...prod, function: 'destroy-images-staging' } } } };
    const plan = await destroyPlan(context, { images: true });
    expect(plan.lines.filter((l) => /^(image|repository) /.test(l.subject)).map((l) => [l.action, l.subject, l.detail])).toEqual([
      ['keep', `image ${fn.image.digest}`, 'Kept: another deployment of this project runs it.'],
      ['keep', 'repository destroy-images-shared', 'It still holds 1 image this destroy keeps.'],
    ]);
    expect(await destroyDeployment(context, { images: true, fingerprint: plan.fingerprint })).toEqual({ deleted: ['alias live', 'function destroy-images-shared'] });
    expect(await repositoryImages('destroy-images-shared')).toEqual([fn.image.digest]);
    expect(await functionExists('destroy-images-staging')).toBe(true);
  });

  it('with nothing in the cloud and no record, plans no change', { timeout: 60_000 }, async () => {
    const { context } = cloudContextForTest(world, { dir: tempDir(), project: 'destroy-nothing', functionName: 'destroy-nothing' });
    const plan = await destroyPlan(context, { images: true });
    expect(plan).toMatchObject({ changes: false, lines: [], warnings: [] });
    expect(await destroyDeployment(context, { images: true, fingerprint: plan.fingerprint })).toEqual({ deleted: [] });
  });
});
