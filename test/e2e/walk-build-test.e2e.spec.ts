import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copySample, removeImages, TEST_BASE_IMAGE } from '../helpers/build';
import { startServe } from '../helpers/cli';
import { launchChromium } from '../helpers/chromium';
import { nav } from './ui';


async function build(page: Page, variant: string) {
  await page.getByTestId('build-variant').selectOption(variant);
  await page.getByTestId('build-base-image').fill(TEST_BASE_IMAGE);
  await page.getByTestId('build-start').click();
  await page.getByTestId(`result-${variant}`).waitFor({ timeout: 240_000 });
}

/** A new user's walk in browser mode: build two variants, go on to Test, and try the Lambda one. */
describe('Build → Test walk (Chromium, real engine)', () => {
  const name = `e2e-walk-${process.pid}`;
  let home: string;
  let dir: string;
  let browser: Browser;

  beforeAll(async () => {
    home = fs.mkdtempSync('/tmp/skylift-e2e-walk-');
    dir = copySample('numpy-classifier', home, name);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await removeImages([`skylift/${name}:local`, `skylift/${name}:aws-lambda`]);
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('keeps a card per built variant, offers only those in Test, refuses non-JSON, and shows an error and the REPORT readably', async () => {
    const serve = await startServe({ SKYLIFT_HOME: `${home}/data` });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(serve.openUrl);
      await nav(page, 'Deploy').click();
      await page.getByTestId('project-dir').fill(dir);
      await page.getByTestId('project-open').click();
      await page.getByTestId('project-continue').click();

      // Two builds, one variant each: the first one's card stays.
      await build(page, 'local');
      await build(page, 'aws-lambda');
      expect(await page.getByTestId('result-local').count()).toBe(1);
      expect(await page.getByTestId('build-next').textContent()).toContain('Built: Local, AWS Lambda.');

      await page.getByTestId('build-continue').click();
      const select = page.getByTestId('test-variant');
      await select.waitFor();
      // skylift.yaml also names azure-functions, which was never built: not offered, but Build is.
      expect(await select.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual(['local', 'aws-lambda']);
      expect(await page.getByTestId('test-unbuilt').textContent()).toContain('Not built yet: Azure Functions.');

      await select.selectOption('aws-lambda');
      await page.getByTestId('test-start').click();
      await page.getByTestId('test-health').waitFor({ timeout: 90_000 });

      const payload = page.getByTestId('test-payload');
      const send = page.getByTestId('test-send');
      await payload.fill('{\n  "inputs": [[5.1, 3.5, 1.4, 0.2],]\n}');
      expect(await page.getByTestId('test-payload-problem').textContent()).toBe('Not JSON at line 2, column 35: unexpected "]". Fix it to send the request.');
      expect(await send.isDisabled()).toBe(true);

      // The model refuses this body: its ValueError and stack trace read as lines, not one escaped string.
      await payload.fill('{"rows": []}');
      expect(await send.isDisabled()).toBe(false);
      await send.click();
      const error = page.getByTestId('test-response-error');
      await error.waitFor({ timeout: 60_000 });
      expect(await error.locator('.alert-title').textContent()).toMatch(/^ValueError: send \{"inputs"/);
      const trace = (await error.locator('pre').textContent()) ?? '';
      expect(trace).toContain('model.py');
      expect(trace).toContain('\n');
      expect(trace).not.toContain('\\n');

      // The REPORT as labelled figures; Init Duration only on this environment's first invocation.
      const labels = () => page.getByTestId('test-response-report').locator('dt').allTextContents();
      expect(await labels()).toEqual(['Duration', 'Billed', 'Memory', 'Max memory used', 'Init Duration']);
      expect(await page.getByTestId('test-report-memory').textContent()).toBe('1024 MB');
      await payload.fill('{"inputs": [[6.0, 2.7, 4.2, 1.3]]}');
      await send.click();
      await expect.poll(() => page.getByTestId('test-response-body').textContent(), { timeout: 30_000 }).toContain('versicolor');
      expect(await labels()).toEqual(['Duration', 'Billed', 'Memory', 'Max memory used']);
      expect(await page.getByTestId('test-report-billed').textContent()).toMatch(/^\d+ ms$/);

      // The container log: a pane no taller than its lines (up to a cap); the adapter's narration on
      // stderr is drawn as info, its traceback still as stderr.
      const log = page.getByTestId('test-log');
      const rows = await log.locator('.log-row').count();
      expect(rows).toBeGreaterThan(0);
      expect((await log.boundingBox())!.height).toBeLessThanOrEqual(Math.min(420, rows * 20 + 16));
      const classOf = (text: RegExp) => log.locator('.log-row', { hasText: text }).first().getAttribute('class');
      expect(await classOf(/skylift: setup done in \d+ ms/)).toContain('log-info');
      expect(await classOf(/predict failed: ValueError/)).toContain('log-stderr');
      expect(await classOf(/Traceback \(most recent call last\)/)).toContain('log-stderr');

      await page.getByTestId('test-stop').click();
      await expect.poll(() => page.getByTestId('test-start').count(), { timeout: 30_000 }).toBe(1);

      // An image removed behind the page's back: the run fails at once, says why, leads to Build, waits on no output.
      await removeImages([`skylift/${name}:local`]);
      await select.selectOption('local');
      await page.getByTestId('test-start').click();
      await expect.poll(() => page.getByTestId('test-run-error').textContent(), { timeout: 30_000 }).toContain(`There is no local image for ${name}`);
      expect(await page.getByTestId('test-log').textContent()).toContain('No output: the run ended before its container wrote anything.');
      await page.getByTestId('test-build-this').click();
      await page.getByTestId('build-start').waitFor();
    } finally {
      await page.close();
      await serve.stop();
    }
  }, 600_000);
});
