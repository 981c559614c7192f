import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { copySample, finished, removeImages, TEST_BASE_IMAGE } from '../helpers/build';
import { startServe } from '../helpers/cli';
import { launchChromium } from '../helpers/chromium';
import { testCore } from '../helpers/core';
import { nav, openProject } from './ui';


/** Test a built variant, bench it twice, compare the runs and export one — in browser mode. */
describe('Test, bench and Runs (Chromium, real engine)', () => {
  const name = `e2e-runs-${process.pid}`;
  let home: string;
  let dir: string;
  let browser: Browser;

  beforeAll(async () => {
    home = fs.mkdtempSync('/tmp/skylift-e2e-runs-');
    dir = copySample('numpy-classifier', home, name);
    const builder: Core = testCore(path.join(home, 'data'));
    const built = await finished(builder, builder.builds.start({ dir, variant: 'local', baseImage: TEST_BASE_IMAGE }));
    expect(built.job.error).toBeNull();
    // Test offers only built variants; the second test reads the Lambda bench form.
    const lambda = await finished(builder, builder.builds.start({ dir, variant: 'aws-lambda', baseImage: TEST_BASE_IMAGE }));
    expect(lambda.job.error).toBeNull();
    await builder.close();
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await removeImages([`skylift/${name}:local`, `skylift/${name}:aws-lambda`]);
    fs.rmSync(home, { recursive: true, force: true });
  });

  /** Runs a bench from the form and waits until the store holds `complete` finished runs. */
  async function bench(page: Page, complete: number) {
    await page.getByTestId('bench-requests').fill('60');
    await page.getByTestId('bench-concurrency').fill('2');
    await page.getByTestId('bench-coldStarts').fill('1');
    await page.getByTestId('bench-start').click();
    // The previous bench's "Open run" link may still be showing, so ask the store instead.
    const finishedRuns = () =>
      page.evaluate(async () => {
        const res = await fetch('/api/call/runs:list', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
        return ((await res.json()) as { value: Array<{ state: string }> }).value.filter((r) => r.state === 'complete').length;
      });
    await expect.poll(finishedRuns, { timeout: 120_000, interval: 500 }).toBe(complete);
    await page.getByTestId('bench-open-run').waitFor();
  }

  it('tries the sample, benches it twice, sees the charts, compares the runs and exports CSV', async () => {
    const serve = await startServe({ SKYLIFT_HOME: path.join(home, 'data') });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    try {
      await page.goto(serve.openUrl);
      await openProject(page, dir);
      await page.getByTestId('step-test').click();

      await page.getByTestId('test-variant').selectOption('local');
      await page.getByTestId('test-start').click();
      await expect.poll(() => page.getByTestId('test-health').textContent(), { timeout: 60_000 }).toMatch(/READY/);
      await page.getByTestId('test-send').click();
      await expect.poll(() => page.getByTestId('test-response-body').textContent(), { timeout: 30_000 }).toContain('versicolor');

      await bench(page, 1);
      await bench(page, 2);
      await page.getByTestId('test-stop').click();

      await nav(page, 'Runs').click();
      await page.getByTestId('runs-table').waitFor();
      const rows = page.locator('[data-testid^="run-select-"]');
      await expect.poll(() => rows.count()).toBe(2);
      await rows.nth(0).check();
      await rows.nth(1).check();
      await page.getByTestId('runs-compare').click();
      const detail = page.getByTestId('run-detail');
      await detail.waitFor();
      for (const chart of ['chart-percentiles', 'chart-histogram', 'chart-timeline']) {
        // Charts load lazily; wait for uPlot's canvas to appear.
        await expect.poll(() => page.getByTestId(chart).locator('canvas').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      }
      await expect.poll(() => page.getByTestId('summary-warm').locator('tbody tr').count()).toBe(2);

      // What the server exports for the run the page will export: every sample (60 warm + 1 cold).
      const chosen = await page.getByTestId('export-run').inputValue();
      const expected = await page.evaluate(async (runId) => {
        const res = await fetch('/api/call/runs:export', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ runId, format: 'csv' }) });
        return ((await res.json()) as { value: { content: string } }).value.content;
      }, chosen);
      const lines = expected.trim().split('\n');
      expect(lines[0]).toBe('seq,t_ms,latency_ms,ok,status,cold,server_duration_ms,init_duration_ms,billed_duration_ms,max_memory_used_mb');
      expect(lines).toHaveLength(62);

      // The page's download holds exactly that (the browser may still be writing it when the event fires).
      const download = page.waitForEvent('download');
      await page.getByTestId('export-csv').click();
      const file = path.join(home, 'export.csv');
      await (await download).saveAs(file);
      await expect.poll(() => fs.readFileSync(file, 'utf8'), { timeout: 10_000 }).toBe(expected);

      // Deleting a run takes a second click and leaves the other.
      await nav(page, 'Runs').click();
      await page.getByTestId(`run-open-${chosen}`).click();
      await page.getByTestId('run-delete').click();
      await page.getByTestId('run-delete-confirm').click();
      await page.getByTestId('runs-table').waitFor();
      await expect.poll(() => rows.count()).toBe(1);
      expect(await page.getByTestId(`run-row-${chosen}`).count()).toBe(0);
    } finally {
      await page.close();
      await serve.stop();
    }
  }, 300_000);

  it('says before a Lambda bench that the Settings cap queues it, and keeps a cancelled bench as a partial run', async () => {
    const serve = await startServe({ SKYLIFT_HOME: path.join(home, 'data') });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(serve.openUrl);
      await openProject(page, dir);
      await page.getByTestId('step-test').click();

      // The form reads the Settings cap (4 by default) and says what concurrency 64 would really measure.
      await page.getByTestId('test-variant').selectOption('aws-lambda');
      await page.getByTestId('bench-concurrency').fill('64');
      await expect.poll(() => page.getByTestId('bench-cap-warning').textContent(), { timeout: 10_000 }).toContain('Only 4 environments will start, not 64');
      await page.getByTestId('test-variant').selectOption('local');
      expect(await page.getByTestId('bench-cap-warning').count()).toBe(0);

      await page.getByTestId('bench-requests').fill('1000000');
      await page.getByTestId('bench-concurrency').fill('2');
      await page.getByTestId('bench-coldStarts').fill('0');
      await page.getByTestId('bench-start').click();
      await expect.poll(() => page.getByTestId('bench-progress').textContent(), { timeout: 60_000, interval: 200 }).toMatch(/Measuring[\s\S]*[1-9]\d* requests/);
      await page.getByTestId('bench-cancel').click();
      await expect.poll(() => page.getByTestId('bench-cancelled').textContent(), { timeout: 30_000 }).toMatch(/Kept as a partial run: the [\d,]+ requests measured before the cancel/);

      await page.getByTestId('bench-open-run').click();
      await page.getByTestId('run-detail').waitFor();
      await expect.poll(() => page.getByTestId('run-detail').textContent(), { timeout: 15_000 }).toContain('Cancelled · partial');
      await page.getByTestId('summary-warm').getByTestId('summary-partial').waitFor();
    } finally {
      await page.close();
      await serve.stop();
    }
  }, 180_000);
});
