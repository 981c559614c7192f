import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { copySample, docker, finished, removeImages, runInImage, TEST_BASE_IMAGE } from '../helpers/build';
import { testCore } from '../helpers/core';
import { useTempDir } from '../helpers/temp';

/** The build context policy end to end: what a real engine builds, and what never reaches it. */
describe('build context policy (real engine)', () => {
  const tempDir = useTempDir();
  let core: Core;
  let home: string;
  const names = [`it-hf-${process.pid}`, `it-escape-${process.pid}`];

  beforeAll(() => {
    home = fs.mkdtempSync('/tmp/skylift-context-it-');
    core = testCore(home);
  });
  afterAll(async () => {
    await core.close();
    await removeImages(names.map((n) => `skylift/${n}:local`));
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('builds the Hugging Face cache layout (weights/x → ../blobs/abc): each link lands in the image as its file', async () => {
    const dir = copySample('numpy-classifier', tempDir(), names[0]);
    const weights = path.join(dir, 'weights');
    fs.mkdirSync(path.join(weights, 'blobs'));
    fs.renameSync(path.join(weights, 'classifier.json'), path.join(weights, 'blobs', 'sha256-abc'));
    fs.symlinkSync('blobs/sha256-abc', path.join(weights, 'classifier.json'));
    const digest = createHash('sha256').update(fs.readFileSync(path.join(weights, 'blobs', 'sha256-abc'))).digest('hex');
    const { job } = await finished(core, core.builds.start({ dir, variant: 'local', baseImage: TEST_BASE_IMAGE, buildArgs: {} }));
    expect(job.error).toBeNull();
    const inImage = await runInImage(`skylift/${names[0]}:local`, ['sha256sum', '/app/weights/classifier.json']);
    expect(inImage).toMatchObject({ exitCode: 0, output: expect.stringContaining(`${digest}  /app/weights/classifier.json`) });
  }, 180_000);

  it('refuses requirements.txt linked to a file outside the project before the engine builds anything', async () => {
    const dir = copySample('numpy-classifier', tempDir(), names[1]);
    const outside = path.join(tempDir(), 'requirements-elsewhere.txt');
    fs.writeFileSync(outside, 'numpy\n');
    fs.rmSync(path.join(dir, 'requirements.txt'));
    fs.symlinkSync(outside, path.join(dir, 'requirements.txt'));
    const { job, events } = await finished(core, core.builds.start({ dir, variant: 'local', baseImage: TEST_BASE_IMAGE, buildArgs: {} }));
    expect(job.state).toBe('failed');
    expect(job.error).toMatchObject({ code: 'BUILD_CONTEXT_REFUSED', message: expect.stringContaining(`requirements.txt: a symlink to ${fs.realpathSync(outside)}, outside the project`) });
    expect(events.some((e) => e.type === 'step')).toBe(false);
    await expect(docker.getImage(`skylift/${names[1]}:local`).inspect()).rejects.toMatchObject({ statusCode: 404 });
  }, 60_000);
});
