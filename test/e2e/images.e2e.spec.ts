import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { copySample, docker, finished, removeImages, TEST_BASE_IMAGE } from '../helpers/build';
import { startServe } from '../helpers/cli';
import { launchChromium } from '../helpers/chromium';
import { testCore } from '../helpers/core';
import { usePruneLock } from '../helpers/prune-lock';
import { nav } from './ui';


/** The folder field completes from the server's folders; Images lists, deletes and prunes (Chromium, real engine). */
describe('Folder completion and Images (Chromium, real engine)', () => {
  usePruneLock(); // prune is engine-wide: specs that prune take turns
  const name = `e2e-images-${process.pid}`;
  const tag = `skylift/${name}:local`;
  let home: string;
  let first: string;
  let second: string;
  let olderBuild: string;
  let browser: Browser;
  const weighted = `e2e-imgw-${process.pid}`;
  const weightsTags: string[] = [];

  beforeAll(async () => {
    home = fs.mkdtempSync('/tmp/skylift-e2e-images-');
    first = copySample('numpy-classifier', path.join(home, 'first'), name);
    second = copySample('numpy-classifier', path.join(home, 'second'), name);
    fs.writeFileSync(path.join(home, 'first-notes.txt'), 'a file: never offered as a folder');
    const builder: Core = testCore(path.join(home, 'data'));
    for (const dir of [first, second]) {
      const built = await finished(builder, builder.builds.start({ dir, variant: 'local', baseImage: TEST_BASE_IMAGE }));
      expect(built.job.error).toBeNull();
      if (dir === first) olderBuild = built.result!.variants[0].imageId;
    }
    await builder.close();
    browser = await launchChromium();
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await removeImages([tag, olderBuild, `skylift/${weighted}:local`, ...weightsTags]);
    await docker.getImage(`skylift-deps/${weighted}:local`).remove({ force: true }).catch(() => undefined);
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('completes the project folder from the server\'s folders, then opens it', async () => {
    const serve = await startServe({ SKYLIFT_HOME: path.join(home, 'data') });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(serve.openUrl);
      await nav(page, 'Deploy').click();
      const field = page.getByTestId('project-dir');
      await field.fill(`${home}/fi`);
      const suggestions = page.getByTestId('project-dir-suggestions').getByRole('option');
      await expect.poll(() => suggestions.allTextContents(), { timeout: 10_000 }).toEqual([`${home}/first/`]);
      await suggestions.first().click();
      await expect.poll(() => field.inputValue()).toBe(`${home}/first/`);
      await expect.poll(() => suggestions.allTextContents(), { timeout: 10_000 }).toEqual([`${first}/`]);
      await field.press('ArrowDown');
      await field.press('Enter');
      await expect.poll(() => field.inputValue()).toBe(`${first}/`);
      await field.press('Escape');
      await page.getByTestId('project-open').click();
      await page.getByTestId('project-yaml').waitFor();
      await expect.poll(() => page.getByText(name).first().isVisible()).toBe(true);
    } finally {
      await page.close();
      await serve.stop();
    }
  }, 120_000);

  it('lists the image with its folder and size, refuses a delete while a container holds it, deletes after; prunes the older build', async () => {
    const serve = await startServe({ SKYLIFT_HOME: path.join(home, 'data') });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const holder = await docker.createContainer({ Image: tag, Cmd: ['true'], Labels: { 'dev.skylift.job-id': 'e2e-holder' } });
    try {
      await page.goto(serve.openUrl);
      await nav(page, 'Images').click();
      const row = page.locator(`[data-testid="image-row"][data-tag="${tag}"]`);
      await row.waitFor();
      expect(await row.textContent()).toMatch(new RegExp(`${name} · local.*${second}\\d+(\\.\\d)? MiBjust nownone`));
      expect(await row.getByText('In use by 1 container').isVisible()).toBe(true);
      const table = await page.getByTestId('images-table').boundingBox();
      expect(table!.x + table!.width).toBeLessThanOrEqual(1280);

      await expect.poll(() => page.getByTestId('prunable').textContent()).toMatch(/^\d+ images? \([\d.]+ [KMG]iB\) can be pruned\.$/);
      await page.getByTestId('images-prune').click();
      const result = page.getByTestId('prune-result');
      await result.waitFor();
      expect(await result.textContent()).toMatch(/^Removed \d+ images?, [\d.]+ [KMG]iB reclaimed\./);
      expect(await result.textContent()).toContain(`${olderBuild.slice(7, 19)} `);
      expect(await result.textContent()).toContain(`an older build of ${name} (local)`);
      await expect(docker.getImage(olderBuild).inspect()).rejects.toMatchObject({ statusCode: 404 });

      await row.getByTestId('image-delete').click();
      await row.getByTestId('image-delete-confirm').click();
      await expect.poll(() => row.getByRole('alert').textContent(), { timeout: 20_000 }).toContain(`is used by a created container ${holder.id.slice(0, 12)} (Skylift job e2e-holder)`);
      await holder.remove({ force: true });
      await row.getByTestId('image-delete-confirm').click();
      await row.waitFor({ state: 'detached', timeout: 30_000 });
      await expect(docker.getImage(tag).inspect()).rejects.toMatchObject({ statusCode: 404 });
    } finally {
      await holder.remove({ force: true }).catch(() => undefined);
      await page.close();
      await serve.stop();
    }
  }, 180_000);

  it('after a weights change and rebuild, lists both weights layers with who uses them, and prune lists and removes the old one', async () => {
    const dir = path.join(home, weighted);
    fs.mkdirSync(path.join(dir, 'weights'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'skylift.yaml'), `name: ${weighted}\npython: "3.11"\nframework: {name: none}\nmodel: model:M\nweights:\n  - weights/\ntargets:\n  local: {}\n`);
    fs.writeFileSync(path.join(dir, 'model.py'), 'class M:\n    def load(self):\n        pass\n\n    def predict(self, payload):\n        return {}\n');
    const builder: Core = testCore(path.join(home, 'data'));
    const layers: string[] = [];
    try {
      for (const size of [4096, 5120]) {
        fs.writeFileSync(path.join(dir, 'weights', 'w.bin'), randomBytes(size)); // a few KiB, unique to this run
        const built = await finished(builder, builder.builds.start({ dir, variant: 'local', baseImage: TEST_BASE_IMAGE }));
        expect(built.job.error).toBeNull();
        weightsTags.push(built.result!.variants[0].weights!.image);
        layers.push(built.result!.variants[0].weights!.layerDigest);
      }
    } finally {
      await builder.close();
    }
    const [oldTag, newTag] = weightsTags as [string, string];
    const oldId = (await docker.getImage(oldTag).inspect()).Id;
    const serve = await startServe({ SKYLIFT_HOME: path.join(home, 'data') });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(serve.openUrl);
      await nav(page, 'Images').click();
      const newRow = page.locator(`[data-testid="image-row"][data-tag="${newTag}"]`);
      const oldRow = page.locator(`[data-testid="image-row"][data-tag="${oldTag}"]`);
      await newRow.waitFor();
      expect(await newRow.getAttribute('data-kind')).toBe('weights');
      expect(await newRow.textContent()).toMatch(new RegExp(`^weights layer ${layers[1]!.slice(0, 19)}….*${newTag}.*used by: ${weighted} \\(local\\)\\d+(\\.\\d)? KiB`));
      expect(await oldRow.getByTestId('image-dependents').textContent()).toBe('used by no image: prune removes it once no build holds it');
      expect(await page.getByTestId('images-disk').textContent()).toMatch(/^A weights layer is stored once on disk .* On disk: [\d.]+ [KMG]iB for Skylift’s images, each layer counted once/);
      const depsRow = page.locator(`[data-testid="image-row"][data-kind="deps"]`, { hasText: `${weighted} (local)` });
      expect(await depsRow.first().textContent()).toContain('dependencies for');

      // Prune says what it will remove before it runs, then removes the old weights image (and the older build), not the new one.
      await expect.poll(() => page.getByTestId('prunable-images').textContent()).toContain(`${oldId.slice(7, 19)} ${oldTag}: weights layer ${layers[0]!.slice(0, 19)}… that no Skylift image is built on any more`);
      await page.getByTestId('images-prune').click();
      const result = page.getByTestId('prune-result');
      await result.waitFor();
      expect(await result.textContent()).toContain(`${oldId.slice(7, 19)} ${oldTag} `);
      expect(await result.textContent()).toContain(`an older build of ${weighted} (local)`);
      await expect(docker.getImage(oldTag).inspect()).rejects.toMatchObject({ statusCode: 404 });
      await expect(docker.getImage(newTag).inspect()).resolves.toBeTruthy();
      await oldRow.waitFor({ state: 'detached', timeout: 20_000 });
      expect(await newRow.getByTestId('image-dependents').textContent()).toBe(`used by: ${weighted} (local)`);
    } finally {
      await page.close();
      await serve.stop();
    }
  }, 300_000);
});
