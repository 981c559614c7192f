import {
  BatchCheckLayerAvailabilityCommand,
  BatchDeleteImageCommand,
  BatchGetImageCommand,
  CreateRepositoryCommand,
  DeleteRepositoryCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  GetAuthorizationTokenCommand,
  ListImagesCommand,
} from '@aws-sdk/client-ecr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from '../helpers/http';
import { DOUBLES_TEST_KEY } from './aws-auth';
import { type EcrDouble, startEcrDouble } from './aws-ecr';
import { startRegistry } from './registry';
import { pushTinyImage } from './registry-push';

const DOCKER_V2 = 'application/vnd.docker.distribution.manifest.v2+json';

describe('ECR double, through the real @aws-sdk/client-ecr and a real docker push', () => {
  let ecr: EcrDouble;
  const client = (overrides: { secretAccessKey?: string; region?: string; maxAttempts?: number } = {}) =>
    new ECRClient({
      region: overrides.region ?? 'us-east-1',
      endpoint: ecr.url,
      credentials: { accessKeyId: DOUBLES_TEST_KEY.accessKeyId, secretAccessKey: overrides.secretAccessKey ?? DOUBLES_TEST_KEY.secretAccessKey },
      maxAttempts: overrides.maxAttempts ?? 1,
    });

  beforeAll(async () => {
    ecr = await startEcrDouble({ registry: await startRegistry(), keys: [DOUBLES_TEST_KEY] });
  });
  afterAll(async () => {
    await ecr?.close();
    await ecr?.registry.close();
  });

  it('creates a repository with an ECR-shaped answer whose URI is the loopback registry, and refuses a second one', async () => {
    const created = await client().send(new CreateRepositoryCommand({ repositoryName: 'skylift/numpy-sample' }));
    expect(created.repository).toMatchObject({
      repositoryName: 'skylift/numpy-sample',
      registryId: DOUBLES_TEST_KEY.account,
      repositoryArn: `arn:aws:ecr:us-east-1:${DOUBLES_TEST_KEY.account}:repository/skylift/numpy-sample`,
      repositoryUri: `${ecr.registry.host}/skylift/numpy-sample`,
      imageTagMutability: 'MUTABLE',
    });
    expect(created.repository?.createdAt).toBeInstanceOf(Date);
    await expect(client().send(new CreateRepositoryCommand({ repositoryName: 'skylift/numpy-sample' }))).rejects.toMatchObject({ name: 'RepositoryAlreadyExistsException' });
    const described = await client().send(new DescribeRepositoriesCommand({ repositoryNames: ['skylift/numpy-sample'] }));
    expect(described.repositories?.map((r) => r.repositoryUri)).toEqual([`${ecr.registry.host}/skylift/numpy-sample`]);
  });

  it("refuses names that break the model's pattern and length, and unknown repositories", async () => {
    for (const bad of ['Upper', 'a', 'ends-', 'x//y']) {
      await expect(client().send(new CreateRepositoryCommand({ repositoryName: bad })), bad).rejects.toMatchObject({ name: 'InvalidParameterException', $metadata: { httpStatusCode: 400 } });
    }
    await expect(client().send(new CreateRepositoryCommand({ repositoryName: 'ok-name', imageTagMutability: 'SOMETIMES' as never }))).rejects.toThrow(/enum value set/);
    await expect(client().send(new DescribeRepositoriesCommand({ repositoryNames: ['absent'] }))).rejects.toMatchObject({ name: 'RepositoryNotFoundException' });
    await expect(client().send(new DescribeImagesCommand({ repositoryName: 'absent' }))).rejects.toMatchObject({ name: 'RepositoryNotFoundException' });
  });

  it("hands out a token that docker login accepts; the pushed image's digest, tags, media type and layers show in the API", async () => {
    await client().send(new CreateRepositoryCommand({ repositoryName: 'pushed' }));
    const token = await client().send(new GetAuthorizationTokenCommand({}));
    const data = token.authorizationData![0];
    expect(data.proxyEndpoint).toBe(ecr.registry.url);
    expect(data.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 11 * 3600_000);
    const [username, password] = Buffer.from(data.authorizationToken!, 'base64').toString('utf8').split(':');
    expect(username).toBe('AWS');
    const host = new URL(data.proxyEndpoint!).host;
    const { digest } = await pushTinyImage({ host, repository: 'pushed', tag: 'v1', username, password });

    const images = await client().send(new DescribeImagesCommand({ repositoryName: 'pushed' }));
    expect(images.imageDetails).toHaveLength(1);
    const detail = images.imageDetails![0];
    expect(detail).toMatchObject({ imageDigest: digest, imageTags: ['v1'], imageManifestMediaType: DOCKER_V2, repositoryName: 'pushed', registryId: DOUBLES_TEST_KEY.account });
    expect(detail.imageSizeInBytes).toBeGreaterThan(0);
    expect(Math.abs(detail.imagePushedAt!.getTime() - Date.now())).toBeLessThan(5 * 60_000);
    expect((await ecr.registry.manifest('pushed', digest))?.mediaType).toBe(DOCKER_V2);

    const listed = await client().send(new ListImagesCommand({ repositoryName: 'pushed' }));
    expect(listed.imageIds).toEqual([{ imageDigest: digest, imageTag: 'v1' }]);
    const layerDigest = (JSON.parse((await ecr.registry.manifest('pushed', digest))!.body.toString()) as { layers: Array<{ digest: string }> }).layers[0].digest;
    const missing = `sha256:${'0'.repeat(64)}`;
    const layers = await client().send(new BatchCheckLayerAvailabilityCommand({ repositoryName: 'pushed', layerDigests: [layerDigest, missing, 'sha256:nothex'] }));
    expect(layers.layers).toEqual([
      { layerDigest, layerAvailability: 'AVAILABLE', layerSize: expect.any(Number) },
      { layerDigest: missing, layerAvailability: 'UNAVAILABLE' },
    ]);
    expect(layers.failures).toEqual([{ layerDigest: 'sha256:nothex', failureCode: 'InvalidLayerDigest', failureReason: expect.any(String) }]);
    await expect(client().send(new DescribeImagesCommand({ repositoryName: 'pushed', imageIds: [{ imageTag: 'v9' }] }))).rejects.toMatchObject({ name: 'ImageNotFoundException' });
  });

  it('refuses a push to a repository that was never created, with the name-unknown error ECR gives', async () => {
    await expect(pushTinyImage({ host: ecr.registry.host, repository: 'never-created', tag: 'v1', username: ecr.registry.username, password: ecr.registry.password })).rejects.toThrow(
      /name unknown: The repository with name 'never-created' does not exist in the registry with id '123456789012'/,
    );
  });

  it('shows an image index as ECR does: its own media type, listed beside the image it points to', async () => {
    await client().send(new CreateRepositoryCommand({ repositoryName: 'indexed' }));
    await pushTinyImage({ host: ecr.registry.host, repository: 'indexed', tag: 'image', username: ecr.registry.username, password: ecr.registry.password });
    const image = (await ecr.registry.manifest('indexed', 'image'))!;
    const indexDigest = await ecr.registry.putIndex('indexed', 'latest', [image]);
    const details = (await client().send(new DescribeImagesCommand({ repositoryName: 'indexed', imageIds: [{ imageTag: 'latest' }] }))).imageDetails!;
    expect(details).toMatchObject([{ imageDigest: indexDigest, imageTags: ['latest'], imageManifestMediaType: 'application/vnd.oci.image.index.v1+json' }]);
    expect(details[0].imageSizeInBytes).toBeGreaterThan(0);
    const listed = await client().send(new ListImagesCommand({ repositoryName: 'indexed' }));
    expect(listed.imageIds?.map((id) => id.imageDigest).sort()).toEqual([image.digest, indexDigest].sort());
  });

  it('answers BatchGetImage with the stored manifest by tag or digest, and failures for what it lacks or was not accepted', async () => {
    await client().send(new CreateRepositoryCommand({ repositoryName: 'fetched' }));
    await pushTinyImage({ host: ecr.registry.host, repository: 'fetched', tag: 'image', username: ecr.registry.username, password: ecr.registry.password });
    const image = (await ecr.registry.manifest('fetched', 'image'))!;
    await ecr.registry.putIndex('fetched', 'multi', [image]);
    const answer = await client().send(
      new BatchGetImageCommand({ repositoryName: 'fetched', imageIds: [{ imageTag: 'image' }, { imageDigest: image.digest }, { imageTag: 'absent' }, { imageTag: 'multi' }], acceptedMediaTypes: [DOCKER_V2] }),
    );
    expect(answer.images?.map((i) => [i.imageId?.imageDigest, i.imageId?.imageTag, i.imageManifestMediaType])).toEqual([[image.digest, 'image', DOCKER_V2], [image.digest, undefined, DOCKER_V2]]);
    expect(answer.images?.[0]?.imageManifest).toBe(image.body.toString('utf8'));
    expect(answer.failures?.map((f) => [f.imageId?.imageTag, f.failureCode])).toEqual([['absent', 'ImageNotFound'], ['multi', 'UnsupportedImageType']]);
    await expect(client().send(new BatchGetImageCommand({ repositoryName: 'never-made', imageIds: [{ imageTag: 'x' }] }))).rejects.toMatchObject({ name: 'RepositoryNotFoundException' });
  });

  it('deletes images as ECR does, refuses to delete a repository that still has images unless forced', async () => {
    await client().send(new CreateRepositoryCommand({ repositoryName: 'deletable' }));
    const { digest } = await pushTinyImage({ host: ecr.registry.host, repository: 'deletable', tag: 'keep', username: ecr.registry.username, password: ecr.registry.password });
    await expect(client().send(new DeleteRepositoryCommand({ repositoryName: 'deletable' }))).rejects.toMatchObject({ name: 'RepositoryNotEmptyException' });
    const deleted = await client().send(new BatchDeleteImageCommand({ repositoryName: 'deletable', imageIds: [{ imageDigest: digest }, { imageTag: 'never-pushed' }] }));
    expect(deleted.imageIds).toEqual([{ imageDigest: digest }]);
    expect(deleted.failures).toEqual([{ imageId: { imageTag: 'never-pushed' }, failureCode: 'ImageNotFound', failureReason: expect.any(String) }]);
    expect((await client().send(new DescribeImagesCommand({ repositoryName: 'deletable' }))).imageDetails).toEqual([]);
    await client().send(new DeleteRepositoryCommand({ repositoryName: 'deletable' }));
    await expect(client().send(new DescribeRepositoriesCommand({ repositoryNames: ['deletable'] }))).rejects.toMatchObject({ name: 'RepositoryNotFoundException' });
  });

  it('refuses a wrong secret, an unsigned request and another region, as ECR does', async () => {
    await expect(client({ secretAccessKey: 'not-the-secret' }).send(new DescribeRepositoriesCommand({}))).rejects.toMatchObject({ name: 'InvalidSignatureException', $metadata: { httpStatusCode: 403 } });
    await expect(client({ region: 'eu-west-1' }).send(new DescribeRepositoriesCommand({}))).rejects.toMatchObject({ name: 'InvalidSignatureException' });
    const unsigned = await request(ecr.url, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonEC2ContainerRegistry_V20150921.DescribeRepositories' }, body: '{}' });
    expect(unsigned.status).toBe(403);
    expect(JSON.parse(unsigned.body)).toMatchObject({ __type: 'MissingAuthenticationTokenException' });
  });

  it('answers injected throttling and 5xx, which the SDK retries, and 500 while the registry is down', async () => {
    ecr.failNext({ status: 429, code: 'ThrottlingException', message: 'Rate exceeded' }, 2, 'DescribeRepositories');
    ecr.failNext({ status: 503, code: 'ServiceUnavailableException' }, 1, 'DescribeRepositories');
    const retried = await client({ maxAttempts: 4 }).send(new DescribeRepositoriesCommand({}));
    expect(retried.$metadata.attempts).toBe(4);
    expect(ecr.requests.filter((r) => r.code === 'ThrottlingException')).toHaveLength(2);

    await ecr.registry.stop();
    try {
      await expect(client().send(new DescribeImagesCommand({ repositoryName: 'pushed' }))).rejects.toMatchObject({ name: 'ServerException', $metadata: { httpStatusCode: 500 } });
    } finally {
      await ecr.registry.restart();
    }
    expect((await client().send(new DescribeImagesCommand({ repositoryName: 'pushed' }))).imageDetails).toHaveLength(1);
  });
});
