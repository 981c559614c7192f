import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeImages, TEST_BASE_IMAGE } from '../helpers/build';
import { startServe } from '../helpers/cli';
import { launchChromium } from '../helpers/chromium';
import { useTempDir } from '../helpers/temp';
import { nav } from './ui';


/** A user's first build in browser mode: sample → edit skylift.yaml → Dockerfile → Build → result. */
describe('Deploy page (Chromium, real engine)', () => {
  const tempDir = useTempDir();
  const name = `e2e-deploy-${process.pid}`;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await removeImages([`skylift/${name}:local`]);
  });

  it('creates a project from a sample, validates edits live, and builds it with a live log and a result card', async () => {
    const serve = await startServe({ SKYLIFT_HOME: tempDir() });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(serve.openUrl);
      await nav(page, 'Deploy').click();
      await page.getByTestId('sample-select').selectOption('numpy-classifier');
      await page.getByTestId('sample-dir').fill(path.join(tempDir(), 'proj'));
      await page.getByTestId('sample-create').click();

      const yaml = page.getByTestId('project-yaml');
      await yaml.waitFor();
      const original = await yaml.innerText();
      await yaml.fill(original.replace(/^name: .*$/m, 'name: Not A Valid Name'));
      await expect.poll(() => page.getByTestId('project-issues').textContent()).toMatch(/line 2, col 1.*name/);
      expect(await page.getByTestId('project-save').isDisabled()).toBe(true);
      await yaml.fill(original.replace(/^name: .*$/m, `name: ${name}`));
      await expect.poll(() => page.getByTestId('project-save').isDisabled()).toBe(false);
      await page.getByTestId('project-save').click();
      await expect.poll(() => page.getByTestId('project-save-status').textContent()).toMatch(/Saved/);
      expect(await page.getByTestId('dockerfile-local').textContent()).toContain('COPY weights/ /app/');

      await page.getByTestId('project-continue').click();
      await page.getByTestId('build-variant').selectOption('local');
      await page.getByTestId('build-base-image').fill(TEST_BASE_IMAGE);
      await page.getByTestId('build-start').click();
      await page.getByTestId('result-local').waitFor({ timeout: 240_000 });

      const card = (await page.getByTestId('result-local').textContent()) ?? '';
      expect(card).toContain(`skylift/${name}:local`);
      expect(card).toMatch(/Pass/);
      // The weights layer: short digest on the card, the full one in its title, and whether this build made it.
      const weights = page.getByTestId('result-local-weights');
      expect(await weights.textContent()).toMatch(/^sha256:[0-9a-f]{12} 1 file, [\d.]+ \S+ · (built|reused)$/);
      expect(await weights.locator('code').getAttribute('title')).toMatch(/^sha256:[0-9a-f]{64}\nskylift-weights:/);
      // The log is virtualised: what is on screen is the tail, followed live.
      expect(await page.getByTestId('build-log').textContent()).toMatch(/Successfully tagged|naming to|writing image/);
      const bar = page.getByTestId('build-progress').getByRole('progressbar');
      expect(await bar.getAttribute('aria-valuenow')).toBe(await bar.getAttribute('aria-valuemax'));
      expect(await page.getByTestId('build-progress').textContent()).toMatch(/Built/);
    } finally {
      await page.close();
      await serve.stop();
    }
  }, 300_000);
});
