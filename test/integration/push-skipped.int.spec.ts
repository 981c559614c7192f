import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobEventInput } from '../../shared/contract/jobs';
import { pushImage, type PushImageResult } from '../../main/core/targets/aws-lambda/publish/push-image';
import { startRegistry, type RegistryDouble } from '../doubles/registry';
import { runDocker } from '../doubles/registry-push';
import { docker, removeImages } from '../helpers/build';
import { startCountingProxy, type CountingProxy } from '../helpers/counting-proxy';

/**
 * A push that only moves new bytes, measured on the wire: the same image pushed twice to Debian's
 * docker-registry on loopback, the second time with one changed code layer. A counting proxy in
 * front of the registry sees every byte the engine sends. Images are FROM scratch (two weights
 * layers and a code layer, a few MiB), so no base image is gzipped and the test stays short.
 */
const id = `${process.pid}-${Date.now().toString(36)}`;
const image = (n: number) => `skylift-it/push-skipped-${id}:v${n}`;
const MiB = 1024 * 1024;
const PUSH_MS = 120_000;

let workDir: string;
let registry: RegistryDouble;
let proxy: CountingProxy;

/** Weights files stay the same between builds (the classic builder's cache keeps their layers); model.py changes. */
async function build(tag: string, code: string): Promise<void> {
  fs.writeFileSync(path.join(workDir, 'model.py'), code);
  await runDocker(['build', '-q', '-t', tag, workDir], { ...process.env, DOCKER_BUILDKIT: '0' });
}

async function push(from: string): Promise<{ result: PushImageResult; events: JobEventInput[]; wireBytes: number }> {
  const events: JobEventInput[] = [];
  proxy.reset();
  const result = await pushImage({ docker, image: from, registry: { host: proxy.host, username: registry.username, password: registry.password }, repository: 'bench', tag: 'v1', onEvent: (e) => events.push(e) });
  return { result, events, wireBytes: proxy.bytesIn() };
}

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skylift-push-skipped-'));
  fs.writeFileSync(path.join(workDir, 'Dockerfile'), 'FROM scratch\nCOPY a.bin /weights/a.bin\nCOPY b.bin /weights/b.bin\nCOPY model.py /app/model.py\n');
  fs.writeFileSync(path.join(workDir, 'a.bin'), randomBytes(3 * MiB));
  fs.writeFileSync(path.join(workDir, 'b.bin'), randomBytes(2 * MiB));
  // Random hex: the code layer is not nothing (≈256 KB), so an empty push could not pass for it.
  await build(image(1), `WEIGHTS = "${randomBytes(128 * 1024).toString('hex')}"\n`);
  await build(image(2), `${fs.readFileSync(path.join(workDir, 'model.py'), 'utf8')}# one more line\n`);
  registry = await startRegistry();
  proxy = await startCountingProxy(registry.host);
}, PUSH_MS);

afterAll(async () => {
  await proxy?.close();
  await registry?.close();
  await removeImages([image(1), image(2)]);
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe('a push after a code-only change', () => {
  it('first push: every layer goes over the wire, nothing is said to be skipped', async () => {
    const { result, events, wireBytes } = await push(image(1));
    expect(result.skippedLayers).toEqual([]);
    expect(result.layers.filter((l) => l.state === 'pushed')).toHaveLength(3);
    // Random weights do not compress: at least their 5 MiB crossed the proxy.
    expect(wireBytes).toBeGreaterThan(5 * MiB);
    const last = events.filter((e) => e.type === 'log').at(-1);
    expect(last).toMatchObject({ line: expect.stringMatching(/^Pushed 127\.0\.0\.1:\d+\/bench@sha256:[0-9a-f]{64} in [\d.]+ s: uploaded 3 layers, 5\.\d MiB$/) });
  }, PUSH_MS);

  it('second push: the two weights layers are skipped with their bytes said, only the code layer crosses the wire', async () => {
    const [v1, v2] = await Promise.all([image(1), image(2)].map(async (name) => (await docker.getImage(name).inspect()).RootFS.Layers ?? []));
    // The weights layers are the same layers; only the last (code) one differs.
    expect(v2.slice(0, 2)).toEqual(v1.slice(0, 2));
    expect(v2[2]).not.toBe(v1[2]);
    const [code, weightsB, weightsA] = await docker.getImage(image(2)).history();
    const { result, events, wireBytes } = await push(image(2));

    expect(result.skippedLayers.sort()).toEqual(v2.slice(0, 2).map((d) => d.slice(7, 19)).sort());
    expect(result.skippedBytes).toBe(weightsA.Size + weightsB.Size);
    expect(result.layers.filter((l) => l.state === 'pushed').map((l) => l.id)).toEqual([v2[2].slice(7, 19)]);
    expect(wireBytes).toBeGreaterThan(0);
    expect(wireBytes).toBeLessThanOrEqual(code.Size + MiB);

    const skipped = `2 layers already in the registry (${((weightsA.Size + weightsB.Size) / 1024 ** 2).toFixed(1)} MiB skipped)`;
    const progress = events.filter((e): e is Extract<JobEventInput, { type: 'progress' }> => e.type === 'progress').at(-1);
    expect(progress?.message).toMatch(new RegExp(`^${skipped.replace(/[().]/g, '\\$&')}; pushing 1 layer, `));
    const last = events.filter((e) => e.type === 'log').at(-1);
    expect(last).toMatchObject({ line: expect.stringContaining(`: ${skipped}; uploaded 1 layer, ${(code.Size / 1024).toFixed(1)} KiB`) });
    expect(result.digest).toBe((await registry.manifest('bench', 'v1'))!.digest);
  }, PUSH_MS);
});
