import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe } from '../helpers/cli';
import { launchChromium } from '../helpers/chromium';
import { type PublishWorld, startPublishWorld } from '../helpers/publish-world';
import { nav, openProject } from './ui';

const text = (page: Page, testId: string) => page.getByTestId(testId).textContent();
const planText = (page: Page) => page.getByTestId('plan-lines').locator('[data-testid="plan-line"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label')));
const LONG = { timeout: 180_000, interval: 500 };
/** The first of these to show; its text says which (a failure's own words show in the assertion, a wait that ends says what the page showed). */
const firstOf = async (page: Page, testIds: string[]) => {
  const any = page.locator(testIds.map((id) => `[data-testid="${id}"]`).join(', ')).first();
  try {
    await any.waitFor(LONG);
  } catch (error) {
    const jobs = await page.evaluate(async () => (await fetch('/api/call/jobs:list', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).text());
    throw new Error(`none of ${testIds.join(', ')} showed; the page said: ${await page.locator('main').textContent()}\njobs: ${jobs.slice(0, 3000)}`, { cause: error });
  }
  return `${await any.getAttribute('data-testid')}: ${await any.textContent()}`;
};
/** Elements that reach past the viewport's right edge (the 1280 px layout must not scroll sideways). */
const overflowing = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('body *'))
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !el.closest('.table-scroll, .log-scroller'))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}px: ${(el.textContent ?? '').slice(0, 80)}`),
  );

/**
 * The UI "done when", in Chromium against browser mode and the AWS doubles: from a built
 * aws-lambda variant, plan a deployment, create its role and publish version 1, verify it, bench it
 * in the cloud and open the comparison with the local run of the same image; then a stale plan is
 * refused and re-planned, and the Deployments page rolls back and destroys.
 */
describe('Publish to Lambda from the wizard (Chromium, AWS doubles, real engine)', () => {
  const name = `e2e-publish-${process.pid}`;
  let world: PublishWorld;
  let browser: Browser;
  let serve: Awaited<ReturnType<typeof startServe>>;
  let page: Page;

  beforeAll(async () => {
    world = await startPublishWorld(name);
    serve = await startServe({ SKYLIFT_HOME: world.dataDir });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(serve.openUrl);
  }, 420_000);
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await world?.close();
  }, 120_000);

  it('plans, creates the role, publishes version 1, verifies it, benches it in the cloud and compares it with the local run', async () => {
    await openProject(page, world.dir);
    await page.getByTestId('step-publish').click();

    expect(await page.getByTestId('publish-deployment').inputValue()).toBe('prod');
    expect(await text(page, 'publish-where')).toMatch(/Profile doubles · region us-east-1 · function e2e-publish-\d+ · alias live · not published yet/);

    // The first plan waits for a role: Publish is off until the user agrees to create one.
    await page.getByTestId('publish-plan').click();
    await page.getByTestId('plan-role-offer').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('publish-apply').isDisabled()).toBe(true);
    await page.getByTestId('plan-create-role').click();
    await expect.poll(() => planText(page), { timeout: 60_000 }).toContain(
      `create role skylift-${name}: → arn:aws:iam::123456789012:role/skylift-${name} (trusts lambda.amazonaws.com, with AWSLambdaBasicExecutionRole (logs to CloudWatch))`,
    );
    expect(await planText(page)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^create function ${name}: → ${name}`)),
        expect.stringMatching(/^create memory \(MB\): → 512/),
        expect.stringMatching(/^publish version: → 1 \(/),
        'create alias live: → version 1',
      ]),
    );
    expect(await text(page, 'plan-push')).toMatch(/^Push \d+ of \d+ layers?, up to [\d.]+ (?:B|[KMG]iB)\./);
    expect(await page.getByTestId('plan-role-offer').count()).toBe(0);

    // IAM has not propagated the new role to Lambda yet: the publish shows its wait and retries until it has.
    const roleArn = `arn:aws:iam::123456789012:role/skylift-${name}`;
    world.lambda.refuseRole(roleArn);
    await page.getByTestId('publish-apply').click();
    await page.getByTestId('publish-progress-retries').waitFor(LONG);
    await expect.poll(() => text(page, 'publish-progress-retries'), LONG).toMatch(/role has not reached Lambda yet.*retrying in [\d.]+ s/);
    world.lambda.acceptRole(roleArn);
    await expect.poll(() => text(page, 'publish-version'), LONG).toBe('1');
    expect(await text(page, 'publish-result')).toMatch(/Published: version 1 is live behind alias live\. Image sha256:[0-9a-f]{12}/);
    await expect.poll(() => text(page, 'publish-where'), { timeout: 15_000 }).toContain('live: version 1');
    expect(await page.getByTestId('publish-log').textContent()).toMatch(/Pushed .*@sha256:[0-9a-f]{64}[\s\S]*Published version 1[\s\S]*Alias live → version 1/);

    await page.getByTestId('verify-start').click();
    expect(await firstOf(page, ['verify-result', 'verify-error', 'verify-start-error'])).toMatch(/^verify-result: /);
    expect(await text(page, 'verify-result')).toContain('Version 1 of prod answers as the local variant does.');
    expect(await text(page, 'verify-cloud-body')).toContain('"hello": "world"');
    expect(await text(page, 'verify-cloud-body')).toBe(await text(page, 'verify-local-body'));
    expect(await text(page, 'verify-billed')).toMatch(/^\d[\d.]* (ms|s)$/);
    expect(await page.getByTestId('rollback-prod').count()).toBe(0);
    // The plan, the publish log and the two answers side by side fit 1280 px.
    expect(await overflowing(page)).toEqual([]);

    await page.getByTestId('bench-requests').fill('12');
    await page.getByTestId('bench-concurrency').fill('1');
    await page.getByTestId('bench-warmup').fill('1');
    await page.getByTestId('bench-coldStarts').fill('1');
    await page.getByTestId('bench-start').click();
    expect(await firstOf(page, ['bench-result', 'bench-error', 'bench-start-error'])).toMatch(/^bench-result: Bench complete/);
    expect(await firstOf(page, ['publish-compare', 'publish-compare-none'])).toBe('publish-compare: Compare with the local run of the same image');
    await page.getByTestId('publish-compare').click();

    const detail = page.getByTestId('run-detail');
    await detail.waitFor();
    await expect.poll(() => page.getByTestId('run-target').allTextContents(), { timeout: 15_000 }).toEqual(['local · aws-lambda', 'AWS Lambda · prod v1']);
    expect(await text(page, 'run-wire')).toMatch(/^RTT p50 [\d.]+ ms · client p50 [\d.]+ ms \/ p99 [\d.]+ ms per request$/);
    expect(await page.getByTestId('run-cost').first().textContent()).toMatch(/^\$[\d.,]+compute \$[\d.]+ · init \$[\d.]+ · requests \$0\.200/);
    // At 1280 px the comparison fits: nothing scrolls sideways.
    expect(await overflowing(page)).toEqual([]);

    await nav(page, 'Runs').click();
    await page.getByTestId('runs-table').waitFor();
    expect(await page.locator('[data-testid^="run-target-"]').allTextContents()).toContain('AWS Lambda · prod v1');
    expect(await overflowing(page)).toEqual([]);
  }, 600_000);

  it('refuses a stale plan and publishes the new one; a failed verify rolls back; Deployments says why it cannot go further back, and destroys', async () => {
    // A payload the probe model raises on: the function fails, so verification fails.
    fs.writeFileSync(path.join(world.dir, 'sample-payloads', 'zz-raise.json'), '{"raise": "boom"}\n');
    await nav(page, 'Deploy').click();
    await page.getByTestId('step-publish').click();
    const yamlFile = path.join(world.dir, 'skylift.yaml');
    fs.writeFileSync(yamlFile, fs.readFileSync(yamlFile, 'utf8').replace('memoryMb: 512', 'memoryMb: 1024'));
    await page.getByTestId('publish-plan').click();
    await expect.poll(() => planText(page), { timeout: 60_000 }).toEqual(expect.arrayContaining([expect.stringMatching(/^update memory \(MB\): 512 → 1024/)]));

    // The plan on screen no longer says what publishing would do: refused, nothing changed.
    fs.writeFileSync(yamlFile, fs.readFileSync(yamlFile, 'utf8').replace('memoryMb: 1024', 'memoryMb: 768'));
    await page.getByTestId('publish-apply').click();
    expect(await firstOf(page, ['publish-stale', 'publish-error'])).toMatch(/^publish-stale: The cloud changed since this plan/);
    await page.getByTestId('publish-replan').click();
    await expect.poll(() => planText(page), { timeout: 60_000 }).toEqual(expect.arrayContaining([expect.stringMatching(/^update memory \(MB\): 512 → 768/)]));
    await page.getByTestId('publish-apply').click();
    await expect.poll(() => text(page, 'publish-version'), LONG).toBe('2');

    await page.getByTestId('verify-payload').selectOption('zz-raise.json');
    await page.getByTestId('verify-start').click();
    await expect.poll(() => text(page, 'verify-result'), LONG).toMatch(/Version 2 of prod did not pass/);
    expect(await text(page, 'verify-checks')).toMatch(/Fail.*failed/);
    await page.getByTestId('rollback-prod').click();
    expect(await firstOf(page, ['rollback-result', 'rollback-error', 'rollback-start-error'])).toMatch(/^rollback-result: .*moved from version 2 back to version 1/);

    await nav(page, 'Deployments').click();
    const card = page.getByTestId('deployment-prod');
    await card.waitFor();
    await expect.poll(() => text(page, 'deployment-live-prod')).toBe('1');
    await card.locator('summary', { hasText: 'History' }).click();
    await expect.poll(() => page.getByTestId('deployment-history-prod').locator('tbody tr').count()).toBeGreaterThanOrEqual(2);

    // Version 1 is the first: going further back is refused with the real reason, and nothing moves.
    await page.getByTestId('rollback-prod').click();
    expect(await firstOf(page, ['rollback-result', 'rollback-error', 'rollback-start-error'])).toMatch(/^rollback-(start-)?error: .*nothing to roll back to/);
    expect(await text(page, 'deployment-live-prod')).toBe('1');
    expect(await overflowing(page)).toEqual([]);

    await page.getByTestId('destroy-plan-prod').click();
    await expect.poll(() => page.getByTestId('destroy-plan-lines').locator('[data-testid="plan-line"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label'))), { timeout: 60_000 })
      .toContainEqual(expect.stringMatching(new RegExp(`^delete function ${name}`)));
    await page.getByTestId('destroy-apply').click();
    await page.getByTestId('destroy-apply-confirm').click();
    expect(await firstOf(page, ['destroy-result', 'destroy-error', 'destroy-start-error'])).toMatch(new RegExp(`^destroy-result: Removed: .*${name}`));
    await expect.poll(() => text(page, 'deployment-live-prod'), { timeout: 15_000 }).toBe('not published');
  }, 600_000);
});
