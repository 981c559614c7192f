import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RegistryDouble, resolveImageUri, startRegistry } from './registry';
import { pullFromRegistry } from './registry-pull';
import { pushImage, pushTinyImage } from './registry-push';

const PUSH_DEADLINE_MS = 60_000;

describe("the real docker-registry behind the ECR double, pushed to by Docker's engine", () => {
  let registry: RegistryDouble;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(async () => registry?.close());

  it('lets the engine push over plain HTTP on loopback with the generated password, and refuses a wrong one', async () => {
    const { digest } = await pushTinyImage({ host: registry.host, repository: 'tiny', tag: 'v1', username: registry.username, password: registry.password });
    const manifest = await registry.manifest('tiny', 'v1');
    expect(manifest).toMatchObject({ digest, mediaType: 'application/vnd.docker.distribution.manifest.v2+json' });
    expect(registry.manifestDigests('tiny')).toEqual([digest]);
    await expect(pushTinyImage({ host: registry.host, repository: 'tiny', tag: 'v2', username: registry.username, password: 'wrong-password' })).rejects.toThrow(/login failed[\s\S]*unauthorized|unauthorized/i);
    const anonymous = await fetch(`${registry.url}/v2/tiny/tags/list`);
    expect(anonymous.status).toBe(401);
  });

  it('stores an image index that reads back with its media type, beside the image it lists', async () => {
    await pushTinyImage({ host: registry.host, repository: 'multi', tag: 'image', username: registry.username, password: registry.password });
    const image = (await registry.manifest('multi', 'image'))!;
    const indexDigest = await registry.putIndex('multi', 'index', [image]);
    expect(await registry.manifest('multi', 'index')).toMatchObject({ digest: indexDigest, mediaType: 'application/vnd.oci.image.index.v1+json' });
    expect(registry.manifestDigests('multi').sort()).toEqual([image.digest, indexDigest].sort());
  });

  it("resolves an ImageUri by digest or tag to the manifest's media type and digest, and nothing elsewhere", async () => {
    const { digest } = await pushTinyImage({ host: registry.host, repository: 'uri/app', tag: 'v1', username: registry.username, password: registry.password });
    const expected = { digest, mediaType: 'application/vnd.docker.distribution.manifest.v2+json', size: expect.any(Number) };
    expect(await resolveImageUri(registry, `${registry.host}/uri/app@${digest}`)).toEqual(expected);
    expect(await resolveImageUri(registry, `${registry.host}/uri/app:v1`)).toEqual(expected);
    expect(await resolveImageUri(registry, `${registry.host}/uri/app:v2`)).toBeNull();
    expect(await resolveImageUri(registry, `123456789012.dkr.ecr.us-east-1.amazonaws.com/uri/app@${digest}`)).toBeNull();
  });

  it('pulls a pushed digest into the engine with its credentials, for the Lambda double to run those bytes', async () => {
    const docker = new Dockerode();
    const { digest } = await pushTinyImage({ host: registry.host, repository: 'pulled', tag: 'v1', username: registry.username, password: registry.password });
    const imageUri = `${registry.host}/pulled@${digest}`;
    const pull = pullFromRegistry(docker, registry);
    try {
      const id = await pull({ ResolvedImageUri: imageUri });
      expect((await docker.getImage(imageUri).inspect()).Id).toBe(id);
      await expect(pull({ ResolvedImageUri: `${registry.host}/pulled@sha256:${'2'.repeat(64)}` })).rejects.toThrow(/pulling .* failed/);
      await expect(pull({ ResolvedImageUri: `${registry.host}/pulled:v1` })).rejects.toThrow(/not an image pinned by digest/);
    } finally {
      await docker.getImage(imageUri).remove({ force: true }).catch(() => undefined);
    }
  });

  it('reports an exit it did not ask for, and not one it did', async () => {
    const exits: string[] = [];
    const watched = await startRegistry({ onUnexpectedExit: (why) => exits.push(why) });
    try {
      await watched.stop();
      expect(exits).toEqual([]);
      await watched.restart();
      process.kill(watched.pid()!, 'SIGKILL');
      const deadline = Date.now() + 10_000;
      while (exits.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(exits).toEqual(['docker-registry exited unexpectedly (SIGKILL)']);
      expect(watched.isRunning()).toBe(false);
    } finally {
      await watched.close();
    }
  });

  it('stopped mid-push, the push fails within its deadline (no hang); restarted, it serves what it had', async () => {
    const pushing = pushImage({ host: registry.host, repository: 'big', tag: 'v1', username: registry.username, password: registry.password, payloadBytes: 32 * 1024 * 1024 });
    const outcome = pushing.then(() => 'pushed', (err: Error) => err.message);
    const deadline = Date.now() + PUSH_DEADLINE_MS;
    while (registry.uploadsInProgress('big') === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(registry.uploadsInProgress('big')).toBeGreaterThan(0);
    await registry.stop();
    expect(registry.isRunning()).toBe(false);
    const message = await outcome;
    // The engine retries a failed layer upload about five times (~50 s) before it gives up.
    expect(message).toMatch(/docker push failed/);
    expect(message).toMatch(/connection refused|EOF|connection reset|broken pipe/i);
    await registry.restart();
    expect(registry.isRunning()).toBe(true);
    expect((await registry.manifest('tiny', 'v1'))?.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
    expect(await registry.manifest('big', 'v1')).toBeNull();
  }, 120_000);
});
