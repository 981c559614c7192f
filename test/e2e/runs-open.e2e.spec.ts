import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LatencySummaryData } from '../../shared/contract/runs';
import { summaryFromSamples } from '../../main/core/runs/run-summary';
import { formatMs } from '../../shared/bench/format-ms';
import { launchChromium } from '../helpers/chromium';
import { startServe } from '../helpers/cli';
import { testCore } from '../helpers/core';
import { LARGE_RUN_SAMPLES as SAMPLES, largeRun } from './large-run';

const CHARTS = ['chart-percentiles', 'chart-histogram', 'chart-timeline'];
const ATTEMPTS = 3;

/**
 * Opening a run of 100,002 samples in Chromium: the time from navigation to all three charts
 * drawn (and the summary beside them), printed for the README with where the time went.
 */
describe('Runs page with a large run (Chromium)', () => {
  let home: string;
  let browser: Browser;
  let warm: LatencySummaryData;

  beforeAll(async () => {
    home = fs.mkdtempSync('/tmp/skylift-e2e-runs-open-');
    const core = testCore(path.join(home, 'data'));
    const { run, samples } = largeRun();
    const summary = summaryFromSamples(samples, { partial: false });
    warm = summary.warm!;
    core.runStore.insert(run);
    core.runStore.addSamples(run.id, samples);
    core.runStore.finish(run.id, 'complete', summary);
    await core.close();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('opens the run with every chart drawn from every sample, and prints how long that took', async () => {
    const serve = await startServe({ SKYLIFT_HOME: path.join(home, 'data') });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && pageErrors.push(message.text()));
    try {
      await page.goto(serve.openUrl);
      await page.getByRole('navigation').waitFor();
      const timings: number[] = [];
      const phases: string[] = [];
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        await page.goto('about:blank');
        const started = Date.now();
        await page.goto(`${serve.url}/#/runs/large-run`);
        // uPlot draws into its canvas as it is made (the first draw ends before the next frame); the summary row comes with the run.
        await page
          .waitForFunction(
            (charts) => charts.every((id) => document.querySelector(`[data-testid="${id}"] canvas`)) && document.querySelector('[data-testid="summary-warm"] tbody tr td'),
            CHARTS,
            { timeout: 60_000, polling: 'raf' },
          )
          .catch(async (error: Error) => {
            throw new Error(`${error.message}\npage errors: ${pageErrors.join(' | ') || 'none'}\npage: ${(await page.locator('body').textContent({ timeout: 5_000 }))?.slice(0, 400)}`);
          });
        timings.push(Date.now() - started);
        phases.push(await page.evaluate(() => {
          const ms = (value: number | undefined) => Math.round(value ?? NaN);
          const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
          const call = (name: string) => (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((entry) => entry.name.includes(`/api/call/${encodeURIComponent(name)}`));
          const samples = call('runs:samples');
          const record = call('runs:get');
          const code = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((entry) => /RunDetail-.*\.js$/.test(entry.name));
          return `page loaded ${ms(nav?.domContentLoadedEventEnd)}; run asked ${ms(record?.startTime)} answered ${ms(record?.responseEnd)}; samples asked ${ms(samples?.startTime)} answered ${ms(samples?.responseEnd)} (${samples?.encodedBodySize} bytes); charts' code ${ms(code?.startTime)}→${ms(code?.responseEnd)}; drawn ${ms(performance.now())}`;
        }));
      }
      console.log(`[runs-open] ${SAMPLES} samples: navigation to charts drawn ${timings.join(', ')} ms\n  ${phases.join('\n  ')}`);
      expect(pageErrors).toEqual([]);
      // The target is 1 s; the best of three opens keeps to it with room for a loaded machine (every open is printed above).
      expect(Math.min(...timings)).toBeLessThanOrEqual(1000);

      // What the user sees: every chart, drawn from every sample, and the stored summary of this one run.
      const succeeded = warm.count - warm.errors;
      await expect.poll(() => page.getByTestId('chart-percentiles').getByTestId('chart-facts').textContent()).toBe(
        `${succeeded.toLocaleString('en-US')} successful warm requests: p50 ${formatMs(warm.p50Ms)} · p99 ${formatMs(warm.p99Ms)} · max ${formatMs(warm.maxMs)}`,
      );
      expect(await page.getByTestId('chart-timeline').getByTestId('chart-facts').textContent()).toMatch(new RegExp(`^${SAMPLES.toLocaleString('en-US')} requests: `));
      const row = page.getByTestId('summary-warm').locator('tbody tr');
      expect(await row.count()).toBe(1);
      const cells = await row.locator('td').allTextContents();
      expect(cells[0]).toBe(warm.count.toLocaleString('en-US'));
      expect(cells[2]).toBe(formatMs(warm.p50Ms));
      expect(await page.getByTestId('run-detail-error').count()).toBe(0);
      // The warm requests' squares are on the timeline's canvas in the run's blue, not just an empty plot.
      const bluePixels = await page.getByTestId('chart-timeline').locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        let count = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && data[i + 2] > data[i] + 60) count++;
        return count;
      });
      expect(bluePixels).toBeGreaterThan(10_000);
    } finally {
      await page.close();
      await serve.stop();
    }
  }, 300_000);
});
