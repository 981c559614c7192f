import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { pack } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBaseImage } from '../../main/core/build/base-image';
import { buildImage } from '../../main/core/build/build-image';
import type { Core } from '../../main/core/core';
import { copySample, docker, finished, TEST_BASE_IMAGE } from '../helpers/build';
import { testCore } from '../helpers/core';
import { useTempDir } from '../helpers/temp';

/** A registry on loopback that nothing listens on: unreachable, and never a host outside this machine. */
const UNREACHABLE = '127.0.0.1:1/none:latest';
const signal = new AbortController().signal;

describe('an unreachable base image (real engine, loopback registry)', () => {
  const tempDir = useTempDir();
  let core: Core;
  let home: string;
  beforeAll(() => {
    home = fs.mkdtempSync('/tmp/skylift-base-it-');
    core = testCore(home);
  });
  afterAll(async () => {
    await core.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('is found on the engine when present, and refused naming the image, its registry and the ways to override when not', async () => {
    await expect(ensureBaseImage(docker, { image: TEST_BASE_IMAGE, source: 'build-option', variant: 'local' }, signal)).resolves.toBe('local');
    await expect(ensureBaseImage(docker, { image: UNREACHABLE, source: 'compat-table', variant: 'aws-lambda' }, signal)).rejects.toMatchObject({
      code: 'BASE_IMAGE_UNAVAILABLE',
      message: expect.stringMatching(/^The base image 127\.0\.0\.1:1\/none:latest \(Skylift's default base for aws-lambda\) can't be used: its registry, 127\.0\.0\.1:1, is unreachable\. Engine: .*connection refused/),
      hint: expect.stringMatching(/targets\.aws-lambda\.baseImage in skylift\.yaml.*--base-image.*registry mirror/),
    });
  });

  it('fails the build job before any step runs, instead of a raw error at "Step 1/N"', async () => {
    const dir = copySample('numpy-classifier', tempDir(), `it-base-${process.pid}`);
    const { job, events } = await finished(core, core.builds.start({ dir, variant: 'local', baseImage: UNREACHABLE, buildArgs: {} }));
    expect(job.state).toBe('failed');
    expect(job.error).toMatchObject({ code: 'BASE_IMAGE_UNAVAILABLE', message: expect.stringContaining('127.0.0.1:1/none:latest (from --base-image)') });
    expect(events.some((e) => e.type === 'step')).toBe(false);
  }, 60_000);

  it.each(['classic', 'buildkit'] as const)('maps the engine\'s pull error during a %s build to the same explanation', async (builder) => {
    const tar = pack();
    tar.entry({ name: 'Dockerfile' }, `FROM ${UNREACHABLE}\nRUN true\n`);
    tar.finalize();
    const job = { signal, log: () => undefined, step: () => undefined, progress: () => undefined };
    const build = buildImage({ docker, context: tar as unknown as Readable, tag: `skylift/it-base-map-${process.pid}:local`, labels: {}, buildArgs: {}, builder, job, base: { image: UNREACHABLE, source: 'ejected-dockerfile', variant: 'local' } });
    await expect(build).rejects.toMatchObject({
      code: 'BASE_IMAGE_UNAVAILABLE',
      message: expect.stringMatching(/127\.0\.0\.1:1\/none:latest \(the FROM of \.skylift\/Dockerfile\.local\) can't be used: its registry, 127\.0\.0\.1:1, is unreachable/),
      hint: expect.stringContaining('Change the FROM line in .skylift/Dockerfile.local'),
    });
  }, 60_000);
});
