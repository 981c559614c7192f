import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summaryFromSamples } from '../../main/core/runs/run-summary';
import { launchChromium } from '../helpers/chromium';
import { startServe } from '../helpers/cli';
import { testCore } from '../helpers/core';
import { LARGE_RUN_SAMPLES as SAMPLES, largeRun } from './large-run';

/** Opening a run of 100,002 samples in Chromium: the time from navigation to all three charts drawn, printed for the README. */
describe('Runs page with a large run (Chromium)', () => {
  let home: string;
  let browser: Browser;

  beforeAll(async () => {
    home = fs.mkdtempSync('/tmp/skylift-e2e-runs-open-');
    const core = testCore(path.join(home, 'data'));
    const { run, samples } = largeRun();
    core.runStore.insert(run);
    core.runStore.addSamples(run.id, samples);
    core.runStore.finish(run.id, 'complete', summaryFromSamples(samples, { partial: false }));
    await core.close();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('opens the run with every chart drawn, and prints how long that took', async () => {
    const serve = await startServe({ SKYLIFT_HOME: path.join(home, 'data') });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(serve.openUrl);
      await page.getByRole('navigation').waitFor();
      const timings: number[] = [];
      const phases: string[] = [];
      for (let attempt = 0; attempt < 3; attempt++) {
        await page.goto('about:blank');
        const started = Date.now();
        await page.goto(`${serve.url}/#/runs/large-run`);
        // uPlot draws into its canvas as it is made; a frame later the page has painted them.
        await page.waitForFunction(
          () => ['chart-percentiles', 'chart-histogram', 'chart-timeline'].every((id) => document.querySelector(`[data-testid="${id}"] canvas`)),
          undefined,
          { timeout: 60_000, polling: 'raf' },
        );
        timings.push(Date.now() - started);
        phases.push(await page.evaluate(() => {
          const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
          const call = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((entry) => /runs(%3A|:)samples/.test(entry.name));
          const ms = (value: number | undefined) => Math.round(value ?? NaN);
          return `page loaded ${ms(nav?.domContentLoadedEventEnd)}, samples asked ${ms(call?.startTime)} answered ${ms(call?.responseEnd)} (${call?.encodedBodySize} bytes), drawn ${ms(performance.now())}`;
        }));
      }
      console.log(`[runs-open] ${SAMPLES} samples: navigation to charts drawn ${timings.join(', ')} ms\n  ${phases.join('\n  ')}`);

      // What the user sees: every chart, the warm summary of this one run, and no error.
      for (const chart of ['chart-percentiles', 'chart-histogram', 'chart-timeline']) expect(await page.getByTestId(chart).locator('canvas').count()).toBeGreaterThan(0);
      await expect.poll(() => page.getByTestId('summary-warm').locator('tbody tr').count()).toBe(1);
      expect(await page.getByTestId('run-detail-error').count()).toBe(0);
      expect(await page.getByTestId('chart-timeline').textContent()).not.toContain('No requests to chart');
    } finally {
      await page.close();
      await serve.stop();
    }
  }, 300_000);
});
