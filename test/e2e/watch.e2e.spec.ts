import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instanceId } from '../../main/core/run/labels';
import { docker, TEST_BASE_IMAGE } from '../helpers/build';
import { launchChromium } from '../helpers/chromium';
import { startServe } from '../helpers/cli';
import { removeProjectImages, writeModel, writeVersionedProject } from '../integration/watch-helpers';
import { openProject } from './ui';

/** The Test step's "Rebuild on save" in Chromium, browser mode, real engine and real files. */
describe('Rebuild on save (Chromium, real engine)', () => {
  const name = `e2e-watch-${process.pid}`;
  let home: string;
  let dir: string;
  let browser: Browser;

  beforeAll(async () => {
    home = fs.mkdtempSync('/tmp/skylift-e2e-watch-');
    dir = writeVersionedProject(path.join(home, 'probe'), name);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await removeProjectImages(name);
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('is off by default; on, a save swaps the container behind the same address, Try it answers the new code and the timings show; a broken save shows its error while the old one answers', async () => {
    const serve = await startServe({ SKYLIFT_HOME: path.join(home, 'data') });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(serve.openUrl);
      await openProject(page, dir);
      await page.getByTestId('project-continue').click();
      await page.getByTestId('build-variant').selectOption('local');
      await page.getByTestId('build-base-image').fill(TEST_BASE_IMAGE);
      await page.getByTestId('build-start').click();
      await page.getByTestId('result-local').waitFor({ timeout: 240_000 });
      await page.getByTestId('build-continue').click();
      await page.getByTestId('test-variant').selectOption('local');
      await page.getByTestId('test-start').click();
      await page.getByTestId('test-health').waitFor({ timeout: 90_000 });

      const toggle = page.getByTestId('test-watch-toggle');
      await expect.poll(() => toggle.isDisabled(), { timeout: 10_000 }).toBe(false);
      expect(await toggle.isChecked()).toBe(false);
      const address = await page.getByTestId('test-address').textContent();
      const send = async (expected: string) => {
        await page.getByTestId('test-payload').fill('{"q": 1}');
        await page.getByTestId('test-send').click();
        await expect.poll(() => page.getByTestId('test-response-body').textContent(), { timeout: 30_000 }).toContain(`"version": "${expected}"`);
      };
      await send('v1');

      await toggle.check();
      await expect.poll(() => page.getByTestId('test-watch-state').textContent(), { timeout: 10_000 }).toContain('Watching the project folder');
      writeModel(dir, 'v2');
      const swapLine = page.getByTestId('test-watch-swap');
      await swapLine.waitFor({ timeout: 120_000 });
      expect(await swapLine.textContent()).toMatch(/^rebuilt in \d+\.\d s · model loaded in \d+\.\d s · answering \d+\.\d s after save/);
      expect(await page.getByTestId('test-watch-load').textContent()).toMatch(/\d (ms|s)$/);
      await send('v2');
      await page.getByTestId('test-health-refresh').click();
      await expect.poll(() => page.getByTestId('test-address').textContent()).toBe(address);

      writeModel(dir, 'v-broken', true);
      await page.getByTestId('test-watch-error').waitFor({ timeout: 120_000 });
      expect(await page.getByTestId('test-watch-error').textContent()).toMatch(/the previous version keeps answering.*SyntaxError/);
      // The rebuild was a build job like the Build step's: its log is there, open while the error shows (the build itself succeeded; the load failed).
      await expect.poll(() => page.getByTestId('test-watch-build').locator('summary').textContent()).toBe('Rebuild log (succeeded)');
      expect(await page.getByTestId('test-watch-build').getAttribute('open')).not.toBeNull();
      expect(await page.getByTestId('test-watch-build-log').locator('.log-row').count()).toBeGreaterThan(0);
      await send('v2');

      await page.getByTestId('test-stop').click();
      await expect.poll(() => page.getByTestId('test-start').count(), { timeout: 30_000 }).toBe(1);
      const label = `dev.skylift.instance=${instanceId(path.join(home, 'data'))}`;
      expect(await docker.listContainers({ all: true, filters: { label: [label] } })).toEqual([]);
    } finally {
      await page.close();
      await serve.stop();
    }
  }, 600_000);
});
