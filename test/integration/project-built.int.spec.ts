import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedProject } from '../../shared/contract';
import type { Core } from '../../main/core/core';
import { copySample, finished, removeImages, TEST_BASE_IMAGE } from '../helpers/build';
import { callOrThrow, testCore } from '../helpers/core';

/** project:open says which variants the engine holds an image for, so Test offers only those. */
describe('project:open built (real engine)', () => {
  const name = `int-built-${process.pid}`;
  let home: string;
  let dir: string;
  let core: Core;

  beforeAll(() => {
    home = fs.mkdtempSync('/tmp/skylift-int-built-');
    dir = copySample('numpy-classifier', home, name);
    core = testCore(path.join(home, 'data'));
  });
  afterAll(async () => {
    await core?.close();
    await removeImages([`skylift/${name}:local`]);
    fs.rmSync(home, { recursive: true, force: true });
  });

  const built = async () => {
    const opened = await callOrThrow<OpenedProject>(core, 'project:open', { dir });
    return Object.fromEntries(opened.variants.map((v) => [v.variant, v.built]));
  };

  it('is null for a variant never built, the image after a build, and absent when the engine cannot be asked', async () => {
    expect(await built()).toEqual({ local: null, 'aws-lambda': null, 'azure-functions': null });

    const job = await finished(core, core.builds.start({ dir, variant: 'local', baseImage: TEST_BASE_IMAGE }));
    expect(job.job.error).toBeNull();
    const after = await built();
    expect(after.local).toEqual({ imageId: job.result!.variants[0].imageId, createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(after['aws-lambda']).toBeNull();

    core.settings.update({ engine: { kind: 'socket', path: '/nonexistent/docker.sock' } });
    expect(await built()).toEqual({ local: undefined, 'aws-lambda': undefined, 'azure-functions': undefined });
  }, 300_000);
});
