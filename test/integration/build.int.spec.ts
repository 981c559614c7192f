import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { copySample, docker, finished, removeImages, runInImage, TEST_BASE_IMAGE } from '../helpers/build';
import { testCore } from '../helpers/core';
import { useTempDir } from '../helpers/temp';
import { request } from '../helpers/http';

/** Builds the numpy sample for real on the engine, on the locally made Debian base. */
describe('build (real engine)', () => {
  const tempDir = useTempDir();
  let core: Core;
  let home: string;
  const name = `it-numpy-${process.pid}`;
  const tags = ['local', 'aws-lambda', 'azure-functions'].map((v) => `skylift/${name}:${v}`);

  beforeAll(() => {
    home = fs.mkdtempSync('/tmp/skylift-build-it-');
    core = testCore(home);
  });
  afterAll(async () => {
    await core.close();
    await removeImages(tags);
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('builds every variant of the numpy sample, labelled, with a preflight per target', async () => {
    const dir = copySample('numpy-classifier', tempDir(), name);
    const { job, events, result } = await finished(core, core.builds.start({ dir, variant: 'all', baseImage: TEST_BASE_IMAGE, buildArgs: {} }));
    expect(job.error).toBeNull();
    expect(job.state).toBe('succeeded');
    expect(result!.variants.map((v) => v.tag)).toEqual(tags);

    const steps = events.filter((e) => e.type === 'step');
    expect(steps.length).toBeGreaterThan(10);
    expect(events.some((e) => e.type === 'log' && e.line.includes('python3-numpy'))).toBe(true);

    for (const variant of result!.variants) {
      const image = await docker.getImage(variant.tag).inspect();
      expect(image.Id).toBe(variant.imageId);
      expect(image.Config.Labels).toMatchObject({ 'dev.skylift.project': name, 'dev.skylift.variant': variant.variant, 'dev.skylift.version': '0.0.0-test' });
      expect(image.Config.Labels['dev.skylift.config-hash']).toMatch(/^[0-9a-f]{16}$/);
      expect(variant.sizeBytes).toBe(image.Size);
    }
    const lambda = result!.variants.find((v) => v.variant === 'aws-lambda')!;
    const size = lambda.preflight.checks.find((c) => c.name === 'Image size')!;
    expect(size.status).toBe('pass');
    expect(size.detail).toMatch(/^\d+\.\d (MiB|GiB) of Lambda's 10\.0 GiB uncompressed limit/);
    expect(lambda.preflight.checks.find((c) => c.name === 'Architecture')).toMatchObject({ status: 'pass', detail: expect.stringContaining('amd64') });
    // The second and third variants reuse the first one's layers.
    expect(lambda.cacheHits).toBeGreaterThan(3);
  }, 300_000);

  it('serves the known prediction over HTTP once /health says READY', async () => {
    const container = await docker.createContainer({
      Image: tags[0],
      Labels: { 'dev.skylift.test': 'build' },
      HostConfig: { PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } },
      ExposedPorts: { '8080/tcp': {} },
    });
    try {
      await container.start();
      const port = (await container.inspect()).NetworkSettings.Ports['8080/tcp']![0].HostPort;
      const base = `http://127.0.0.1:${port}`;
      let health: { status?: string; device?: string } = {};
      for (let i = 0; i < 50 && health.status !== 'READY'; i++) {
        health = await request(`${base}/health`).then((r) => JSON.parse(r.body)).catch(() => ({}));
        if (health.status !== 'READY') await new Promise((r) => setTimeout(r, 200));
      }
      expect(health).toMatchObject({ status: 'READY', device: 'cpu' });
      const samples = path.resolve('resources/samples/numpy-classifier');
      const payload = fs.readFileSync(path.join(samples, 'sample-payloads/iris-three-species.json'), 'utf8');
      const answer = await request(`${base}/predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toEqual(JSON.parse(fs.readFileSync(path.join(samples, 'expected/iris-three-species.json'), 'utf8')));
    } finally {
      await container.remove({ force: true });
    }
  }, 60_000);

  it('puts the weights in their own layer before the code, and leaves out what .dockerignore names', async () => {
    const history = (await docker.getImage(tags[0]).history()) as Array<{ CreatedBy: string; Size: number }>;
    const chronological = [...history].reverse().map((h) => h.CreatedBy);
    // The weights layer is Skylift's own (written, not COPYed), on the deps image and under the code.
    const weightsAt = chronological.findIndex((c) => c.startsWith('skylift weights layer'));
    const codeAt = chronological.findLastIndex((c) => c.includes('COPY') && c.includes('/app/'));
    expect(weightsAt).toBeGreaterThan(-1);
    expect(codeAt).toBeGreaterThan(weightsAt);
    const weightsBytes = fs.statSync(path.resolve('resources/samples/numpy-classifier/weights/classifier.json')).size;
    expect([...history].reverse()[weightsAt].Size).toBe(weightsBytes);

    const listing = await runInImage(tags[0], ['/bin/sh', '-c', 'ls -a /app /app/weights; test ! -e /app/notes && echo NOTES-ABSENT']);
    expect(listing.output).toContain('classifier.json');
    expect(listing.output).toContain('model.py');
    expect(listing.output).toContain('NOTES-ABSENT');
  }, 60_000);

  it('builds with BuildKit too: same labels, steps seen, and the image answers', async () => {
    const dir = copySample('numpy-classifier', tempDir(), `${name}-bk`);
    const { job, events, result } = await finished(core, core.builds.start({ dir, variant: 'local', baseImage: TEST_BASE_IMAGE, builder: 'buildkit' }));
    expect(job.error).toBeNull();
    const built = result!.variants[0];
    expect(built.builder).toBe('buildkit');
    expect(events.filter((e) => e.type === 'step').length).toBeGreaterThanOrEqual(8);
    const image = await docker.getImage(built.tag).inspect();
    expect(image.Config.Labels).toMatchObject({ 'dev.skylift.project': `${name}-bk`, 'dev.skylift.variant': 'local' });
    const answer = await runInImage(built.tag, ['/opt/skylift/venv/bin/python', '-c', 'import numpy, model; m = model.Classifier(); m.load(); print(m.predict({"inputs": [[5.1, 3.5, 1.4, 0.2]]})["labels"])']);
    expect(answer.output).toContain("['setosa']");
    await removeImages([built.tag]);
  }, 300_000);
});
