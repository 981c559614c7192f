import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { finished, removeImages, TEST_BASE_IMAGE } from '../helpers/build';
import { launchChromium } from '../helpers/chromium';
import { startServe } from '../helpers/cli';
import { testCore } from '../helpers/core';
import { writeProbeProject } from '../helpers/probe-project';
import { openProject } from './ui';

const text = (page: Page, testId: string) => page.getByTestId(testId).textContent();
/** Whole inside the 1280×800 viewport. */
const inView = (page: Page, testId: string) => page.getByTestId(testId).evaluate((el) => {
  const box = el.getBoundingClientRect();
  return box.top >= 0 && box.bottom <= window.innerHeight;
});

/** Live bench numbers as k6 shows them, in browser mode: while it measures, and after a cancel. */
describe('Bench progress (Chromium, real engine)', () => {
  const name = `e2e-bench-progress-${process.pid}`;
  let home: string;
  let dir: string;
  let browser: Browser;

  beforeAll(async () => {
    home = fs.mkdtempSync('/tmp/skylift-e2e-bench-progress-');
    dir = writeProbeProject(path.join(home, 'probe'), name);
    const builder: Core = testCore(path.join(home, 'data'));
    const built = await finished(builder, builder.builds.start({ dir, variant: 'local', baseImage: TEST_BASE_IMAGE }));
    expect(built.job.error).toBeNull();
    await builder.close();
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await removeImages([`skylift/${name}:local`]);
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('shows done of total, elapsed, ETA, rate, errors and live p50/p99 in view while measuring; a cancel shows only the cancelled state', async () => {
    const serve = await startServe({ SKYLIFT_HOME: path.join(home, 'data') });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(serve.openUrl);
      await openProject(page, dir);
      await page.getByTestId('step-test').click();

      await page.getByTestId('bench-requests').fill('1000000');
      await page.getByTestId('bench-concurrency').fill('2');
      await page.getByTestId('bench-warmup').fill('0');
      await page.getByTestId('bench-coldStarts').fill('0');
      await page.getByTestId('bench-start').click();

      await expect.poll(() => text(page, 'bench-progress-text'), { timeout: 60_000, interval: 200 }).toMatch(/^Measuring: [1-9][\d,]* requests of 1,000,000$/);
      await expect.poll(() => text(page, 'bench-live-p50'), { timeout: 10_000, interval: 200 }).toMatch(/^[\d.]+ (ms|s)$/);
      await expect.poll(() => text(page, 'bench-live-rate'), { timeout: 10_000, interval: 200 }).toMatch(/^[1-9][\d,]* req\/s$/);
      expect(await text(page, 'bench-live-p99')).toMatch(/^[\d.]+ (ms|s)$/);
      expect(await text(page, 'bench-live-eta')).toMatch(/^(\d+\.\d s|\d+ min \d\d s|\d+ h \d\d min)$/);
      expect(await text(page, 'bench-live-elapsed')).toMatch(/^\d+\.\d s$/);
      expect(await text(page, 'bench-live-errors')).toBe('0');
      // The numbers move while it runs.
      const done = async () => Number((await text(page, 'bench-progress-text'))!.replace(/^Measuring: ([\d,]+).*$/, '$1').replace(/,/g, ''));
      const before = await done();
      await expect.poll(done, { timeout: 10_000, interval: 200 }).toBeGreaterThan(before);
      // In view at 1280×800, with Cancel.
      await expect.poll(() => inView(page, 'bench-progress'), { timeout: 5_000 }).toBe(true);
      expect(await inView(page, 'bench-cancel')).toBe(true);

      await page.getByTestId('bench-cancel').click();
      await expect.poll(() => text(page, 'bench-progress-text'), { timeout: 30_000, interval: 200 }).toMatch(/^Cancelled — kept [\d,]+ measured requests as a partial run$/);
      const progress = (await text(page, 'bench-progress'))!;
      expect(progress).not.toContain('Measuring');
      expect(await page.getByTestId('bench-live').count()).toBe(0);
      // The same count as the outcome below it.
      const kept = /kept ([\d,]+) measured/.exec(progress)![1];
      expect(await text(page, 'bench-cancelled')).toContain(`the ${kept} requests measured before the cancel`);
    } finally {
      await page.close();
      await serve.stop();
    }
  }, 240_000);
});
