import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchRun, BenchSampleData } from '../../shared/contract/runs';
import { summaryFromSamples } from '../../main/core/runs/run-summary';
import { launchChromium } from '../helpers/chromium';
import { startServe } from '../helpers/cli';
import { testCore } from '../helpers/core';

/** A finished run whose warm latencies are `base` + 0..9 ms, ten of each. */
function storedRun(id: string, project: string, target: BenchRun['target'], createdAt: string, base: number): { run: BenchRun; samples: BenchSampleData[] } {
  const samples = Array.from({ length: 100 }, (_, seq): BenchSampleData => ({ seq, tMs: seq * 10, latencyMs: base + (seq % 10), ok: true, status: 200, cold: false, serverDurationMs: null }));
  const variant = target.kind === 'local' ? target.variant : target.target;
  const run: BenchRun = {
    ...{ id, jobId: null, project, projectDir: `/tmp/${project}`, variant, target, runKind: 'bench', imageDigest: null, imageId: null },
    imageTag: `skylift/${project}-with-a-rather-long-image-name:${variant}`,
    settings: { dir: `/tmp/${project}`, variant, load: { mode: 'closed', requests: 100, concurrency: 2 }, warmup: 0, coldStarts: 0, payloads: [] },
    ...{ summary: null, state: 'running', createdAt, environments: null, failure: null, wire: null, cost: null },
  };
  return { run, samples };
}

const RUNS = [
  storedRun('run-old-local', 'numpy-classifier', { kind: 'local', variant: 'local' }, '2026-11-02T09:15:00.000Z', 10),
  storedRun('run-new-lambda', 'numpy-classifier', { kind: 'local', variant: 'aws-lambda' }, '2026-11-20T16:45:00.000Z', 20),
  storedRun('run-iris', 'iris', { kind: 'local', variant: 'local' }, '2026-11-10T12:00:00.000Z', 5),
];

const rowIds = (page: Page) => page.locator('[data-testid^="run-row-"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-testid')!.slice('run-row-'.length)));

/** The Runs walk at 1280×800: dates, the table fitting, naming a run, filtering, sorting, and Δ/× in compare. */
describe('Runs: find, name and compare runs (Chromium, 1280×800)', () => {
  let home: string;
  let browser: Browser;

  beforeAll(async () => {
    home = fs.mkdtempSync('/tmp/skylift-e2e-runs-walk-');
    const core = testCore(path.join(home, 'data'));
    for (const { run, samples } of RUNS) {
      core.runStore.insert(run);
      core.runStore.addSamples(run.id, samples);
      core.runStore.finish(run.id, 'complete', summaryFromSamples(samples, { partial: false }));
    }
    await core.close();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('shows dates, fits 1280 px, keeps a name, note and tags after a reload, filters, sorts and compares with Δ and ×', async () => {
    const serve = await startServe({ SKYLIFT_HOME: path.join(home, 'data') });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-GB', timezoneId: 'UTC' });
    try {
      await page.goto(serve.openUrl);
      await page.getByRole('navigation').getByRole('link', { name: 'Runs', exact: true }).click();
      await page.getByTestId('runs-table').waitFor();
      expect(await rowIds(page)).toEqual(['run-new-lambda', 'run-iris', 'run-old-local']);

      // The date, not only the time of day, with the full timestamp on hover.
      const when = page.getByTestId('run-when-run-old-local').locator('time');
      expect(await when.textContent()).toBe('2 Nov 2026, 09:15:00');
      expect(await when.getAttribute('title')).toContain('2026-11-02T09:15:00.000Z');

      // Targets in the one label, never local/<variant>.
      expect(await page.getByTestId('run-target-run-new-lambda').textContent()).toBe('local · aws-lambda');
      expect(await page.getByTestId('run-target-run-old-local').textContent()).toBe('local');
      expect(await page.getByTestId('runs-table').textContent()).not.toMatch(/local\/(local|aws-lambda)/);

      // Nothing scrolls sideways at 1280 px, and the target fits on one line.
      const fit = await page.evaluate(() => {
        const scroller = document.querySelector('[data-testid="runs-table-scroll"]')!;
        const target = document.querySelector('[data-testid="run-target-run-new-lambda"]')!;
        const line = parseFloat(getComputedStyle(target).lineHeight) || 18;
        return { scroll: scroller.scrollWidth, client: scroller.clientWidth, page: document.documentElement.scrollWidth, view: window.innerWidth, targetLines: Math.round(target.getBoundingClientRect().height / line) };
      });
      expect(fit.scroll).toBeLessThanOrEqual(fit.client);
      expect(fit.page).toBeLessThanOrEqual(fit.view);
      expect(fit.targetLines).toBe(1);

      // Name, note and tag a run; they survive a reload.
      await page.getByTestId('run-open-run-old-local').click();
      await page.getByTestId('run-meta-form').waitFor();
      await page.getByTestId('run-name').fill('Before batching');
      await page.getByTestId('run-note').fill('numpy 2, one worker');
      await page.getByTestId('run-tags').fill('baseline, cpu');
      await page.getByTestId('run-meta-save').click();
      await expect.poll(() => page.getByTestId('run-meta-status').textContent()).toBe('Saved.');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Before batching');
      await page.reload();
      await page.getByTestId('run-meta-form').waitFor();
      expect(await page.getByTestId('run-name').inputValue()).toBe('Before batching');
      expect(await page.getByTestId('run-note').inputValue()).toBe('numpy 2, one worker');
      expect(await page.getByTestId('run-tags').inputValue()).toBe('baseline, cpu');
      expect(await page.getByTestId('run-fact-note').textContent()).toBe('numpy 2, one worker');

      // A tag the contract refuses is said, not saved.
      await page.getByTestId('run-tags').fill('two words!');
      await page.getByTestId('run-meta-save').click();
      expect(await page.getByTestId('run-meta-error').textContent()).toMatch(/no spaces/);

      // Filter by tag, project, target and words; sort by p50.
      await page.getByTestId('runs-back').click();
      await page.getByTestId('runs-table').waitFor();
      expect(await page.getByTestId('run-open-run-old-local').textContent()).toBe('Before batching');
      await page.getByTestId('runs-filter-tag').selectOption('baseline');
      await expect.poll(() => rowIds(page)).toEqual(['run-old-local']);
      await page.getByTestId('runs-filter-clear').click();
      await page.getByTestId('runs-filter-project').selectOption('numpy-classifier');
      await expect.poll(() => rowIds(page)).toEqual(['run-new-lambda', 'run-old-local']);
      await page.getByTestId('runs-filter-target').selectOption('local · aws-lambda');
      await expect.poll(() => rowIds(page)).toEqual(['run-new-lambda']);
      await page.getByTestId('runs-filter-clear').click();
      await page.getByTestId('runs-filter-text').fill('one worker');
      await expect.poll(() => rowIds(page)).toEqual(['run-old-local']);
      await page.getByTestId('runs-filter-text').fill('');
      await page.getByTestId('runs-sort').selectOption('p50');
      await expect.poll(() => rowIds(page)).toEqual(['run-iris', 'run-old-local', 'run-new-lambda']);
      await page.getByTestId('runs-sort').selectOption('oldest');
      await expect.poll(() => rowIds(page)).toEqual(['run-old-local', 'run-iris', 'run-new-lambda']);

      // Compare two runs: each figure's difference (Δ) and ratio (×) against the first.
      await page.getByTestId('run-select-run-old-local').check();
      await page.getByTestId('run-select-run-new-lambda').check();
      await page.getByTestId('runs-compare').click();
      const compare = page.getByTestId('compare-table');
      await compare.waitFor();
      expect(await compare.locator('thead').textContent()).toMatch(/Δ.*×/);
      const p50Row = compare.locator('tbody tr', { hasText: 'Warm p50' });
      // Warm latencies are 10..19 ms and 20..29 ms: p50 (nearest rank) 14 and 24 ms, so Δ +10.0 ms and × 1.71.
      expect(await p50Row.getByTestId('compare-delta').textContent()).toBe('+10.0 ms');
      expect(await p50Row.getByTestId('compare-ratio').textContent()).toBe('1.71×');
      const detailFit = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
      expect(detailFit.page).toBeLessThanOrEqual(detailFit.view);
    } finally {
      await page.close();
      await serve.stop();
    }
  }, 180_000);
});
