import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobEventInput } from '../../shared/contract/jobs';
import { checkPushedManifest } from '../../main/core/targets/aws-lambda/publish/manifest-check';
import { pushImage, type PushImageResult, type RegistryCredentials } from '../../main/core/targets/aws-lambda/publish/push-image';
import type { PushSnapshot } from '../../main/core/targets/aws-lambda/publish/push-progress';
import { startRegistry, type RegistryDouble } from '../doubles/registry';
import { runDocker } from '../doubles/registry-push';
import { docker, removeImages, TEST_BASE_IMAGE } from '../helpers/build';

/**
 * The push through a real Docker engine to Debian's real docker-registry (htpasswd auth), the
 * store the ECR double hands out tokens for. Images are built FROM the local base image, so the
 * base layers are big (≈170 MB) and the code layer small.
 */
const id = `${process.pid}-${Date.now().toString(36)}`;
const image = (n: number) => `skylift-it/push-${id}:v${n}`;
const MiB = 1024 * 1024;
const NO_HANG_MS = 120_000;
/** A first push gzips ≈170 MB in the engine: minutes on a busy two-core machine. */
const FIRST_PUSH_MS = 300_000;

let workDir: string;
const registries: RegistryDouble[] = [];
const credentials = (r: RegistryDouble): RegistryCredentials => ({ host: r.host, username: r.username, password: r.password });
const fresh = async () => {
  const registry = await startRegistry();
  registries.push(registry);
  return registry;
};

/** A code-only image: the base image plus one file of random text (so each build is a new layer). */
async function buildCodeImage(tag: string, bytes: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(workDir, 'ctx-'));
  fs.writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${TEST_BASE_IMAGE}\nCOPY app.py /app/app.py\n`);
  fs.writeFileSync(path.join(dir, 'app.py'), `MODEL = "${randomBytes(bytes / 2).toString('hex')}"\n`);
  await runDocker(['build', '-q', '-t', tag, dir], process.env);
}

async function push(registry: RegistryDouble, repository: string, from: string, extra: { stallMs?: number; signal?: AbortSignal; onProgress?: (s: PushSnapshot) => void } = {}) {
  const events: JobEventInput[] = [];
  const result = await pushImage({ docker, image: from, registry: credentials(registry), repository, tag: 'v1', ...extra, onEvent: (e) => events.push(e) });
  return { result, events };
}

const isTagged = (ref: string) => docker.getImage(ref).inspect().then(() => true, () => false);

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skylift-push-it-'));
  await buildCodeImage(image(1), 400_000);
  // 4 MB of code: big enough that "only the new layer's bytes, ± 1 MiB" cannot pass with nothing pushed.
  await buildCodeImage(image(2), 4_000_000);
}, 180_000);

afterAll(async () => {
  for (const registry of registries) await registry.close();
  await removeImages([image(1), image(2)]);
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe('pushImage through the engine to a real registry', () => {
  let registry: RegistryDouble;
  let first: PushImageResult;
  let firstEvents: JobEventInput[];

  beforeAll(async () => {
    registry = await fresh();
  });

  it('pushes with per-layer progress events and answers the digest the registry stored', async () => {
    ({ result: first, events: firstEvents } = await push(registry, 'iris', image(1)));
    const stored = await registry.manifest('iris', 'v1');
    expect(first.digest).toBe(stored!.digest);
    expect(first.imageUri).toBe(`${registry.host}/iris@${stored!.digest}`);
    expect(first.skippedLayers).toEqual([]);
    expect(first.layers.every((l) => l.state === 'pushed')).toBe(true);
    expect(first.bytesPushed).toBeGreaterThan(100 * MiB);
    expect(firstEvents.filter((e) => e.type === 'progress').length).toBeGreaterThan(1);
    expect(firstEvents.some((e) => e.type === 'log' && /layer [0-9a-f]{12}: pushed/.test(e.line))).toBe(true);
    // The tag Skylift added for the push is gone again; the built image keeps its own name.
    expect(await isTagged(`${registry.host}/iris:v1`)).toBe(false);
    expect(await isTagged(image(1))).toBe(true);
  }, FIRST_PUSH_MS);

  it('after a code-only change, the base layers are skipped and only the new layer is uploaded', async () => {
    const { result, events } = await push(registry, 'iris', image(2));
    const [codeLayer] = await docker.getImage(image(2)).history();
    expect(result.skippedLayers.length).toBeGreaterThan(0);
    expect(result.layers.filter((l) => l.state === 'pushed')).toHaveLength(1);
    expect(codeLayer.Size).toBeGreaterThan(3 * MiB);
    expect(Math.abs(result.bytesPushed - codeLayer.Size)).toBeLessThanOrEqual(MiB);
    expect(events.some((e) => e.type === 'log' && /skipped: already in the repository/.test(e.line))).toBe(true);
    expect(events.some((e) => e.type === 'progress' && /^\d+ layers? already in the registry \([\d.]+ MiB skipped\); pushing 1 layer, /.test(e.message ?? ''))).toBe(true);
    expect(result.digest).toBe((await registry.manifest('iris', 'v1'))!.digest);
  }, NO_HANG_MS);

  it('reads the pushed manifest back by digest and finds what Lambda accepts, for this architecture only', async () => {
    const checked = await checkPushedManifest({ registry: credentials(registry), repository: 'iris', digest: first.digest, architecture: 'x86_64' });
    expect(checked).toMatchObject({ mediaType: 'application/vnd.docker.distribution.manifest.v2+json', architecture: 'amd64' });
    await expect(checkPushedManifest({ registry: credentials(registry), repository: 'iris', digest: first.digest, architecture: 'arm64' })).rejects.toMatchObject({
      code: 'MANIFEST_ARCHITECTURE_MISMATCH',
    });
  });

  it('refuses an image index (as buildx with provenance pushes) before Lambda would', async () => {
    const pushed = (await registry.manifest('iris', first.digest))!;
    const index = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [{ mediaType: pushed.mediaType, digest: pushed.digest, size: pushed.body.length, platform: { architecture: 'amd64', os: 'linux' } }],
    });
    const put = await fetch(`${registry.url}/v2/iris/manifests/with-index`, {
      method: 'PUT',
      headers: { 'content-type': 'application/vnd.oci.image.index.v1+json', authorization: `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}` },
      body: index,
    });
    expect(put.status).toBe(201);
    const indexDigest = put.headers.get('docker-content-digest')!;
    await expect(checkPushedManifest({ registry: credentials(registry), repository: 'iris', digest: indexDigest })).rejects.toMatchObject({
      code: 'MANIFEST_MEDIA_TYPE_UNSUPPORTED',
      message: expect.stringContaining('Lambda refuses image indexes (media type not supported)'),
      hint: expect.stringContaining('--provenance=false'),
    });
  });

  it('wrong credentials: a clear unauthorized error, and the password shows up nowhere', async () => {
    const wrong = { ...credentials(registry), password: `wrong-${randomBytes(12).toString('hex')}` };
    const events: JobEventInput[] = [];
    const failure = await pushImage({ docker, image: image(1), registry: wrong, repository: 'other', tag: 'v1', onEvent: (e) => events.push(e) }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'PUSH_UNAUTHORIZED', hint: expect.stringContaining('GetAuthorizationToken') });
    const everything = JSON.stringify([events, firstEvents, { ...(failure as object), message: (failure as Error).message }]);
    expect(everything).not.toContain(wrong.password);
    expect(everything).not.toContain(registry.password);
    expect(await isTagged(`${registry.host}/other:v1`)).toBe(false);
  });
});

describe('pushImage when things go wrong mid-push', () => {
  it('cancel: the stream is destroyed, nothing is stored under the tag and nothing stays tagged', async () => {
    const registry = await fresh();
    const controller = new AbortController();
    const started = Date.now();
    const failure = await push(registry, 'cancelled', image(1), {
      signal: controller.signal,
      onProgress: (s) => { if (s.bytesPushed > 0) controller.abort(); },
    }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(NO_HANG_MS);
    expect(await isTagged(`${registry.host}/cancelled:v1`)).toBe(false);
    expect(await registry.tags('cancelled')).toEqual([]);
  }, NO_HANG_MS + 30_000);

  it('registry down mid-push: a clear error naming what happened, not a hang', async () => {
    const registry = await fresh();
    let stopping: Promise<void> | null = null;
    const started = Date.now();
    const failure = await push(registry, 'down', image(1), {
      stallMs: 15_000,
      onProgress: (s) => { if (s.bytesPushed > 0 && !stopping) stopping = registry.stop(); },
    }).catch((e: unknown) => e);
    await stopping;
    expect(Date.now() - started).toBeLessThan(NO_HANG_MS);
    // Either the stall deadline fires while the engine retries, or the engine gives up first.
    expect(failure).toMatchObject({ code: expect.stringMatching(/^PUSH_(STALLED|REGISTRY_UNREACHABLE)$/), hint: expect.stringContaining('reachable') });
    expect((failure as Error).message).toMatch(/made no progress for 15 s \(the engine was retrying layer|lost the registry/);
    expect(await isTagged(`${registry.host}/down:v1`)).toBe(false);
  }, NO_HANG_MS + 30_000);
});
