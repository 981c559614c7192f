import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe } from '../helpers/cli';
import { launchChromium } from '../helpers/chromium';
import { useTempDir } from '../helpers/temp';
import { nav } from './ui';


const project = (name: string, modelLine: string) => `# a project for the Project step test
name: ${name}
python: "3.11"
framework:
  name: none
${modelLine}
weights:
  - ${name}-weights.bin
targets:
  local: {}
`;

function writeProject(dir: string, text: string): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'skylift.yaml'), text);
  return dir;
}

async function openFolder(page: Page, dir: string): Promise<void> {
  if (!(await page.getByTestId('project-dir').isVisible())) await page.getByTestId('project-choose').click();
  await page.getByTestId('project-dir').fill(dir);
  await page.getByTestId('project-open').click();
  await expect.poll(() => page.getByTestId('project-path').textContent()).toContain(path.basename(dir));
}

/** The vertical middle of an element, to check that a gutter marker sits on its line. */
async function middleY(page: Page, selector: string, index: number): Promise<number> {
  const box = await page.locator(selector).nth(index).boundingBox();
  if (!box) throw new Error(`${selector} #${index} is not on screen`);
  return box.y + box.height / 2;
}

describe('Project step (Chromium)', () => {
  const tempDir = useTempDir();
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows only the opened project’s data, and actionable issues at their lines in the list and the gutter', async () => {
    const valid = writeProject(path.join(tempDir(), 'alpha'), project('alpha-valid', 'model: model:Classifier'));
    const broken = writeProject(path.join(tempDir(), 'beta'), project('beta-broken', 'modle: model:Classifier'));
    const serve = await startServe({ SKYLIFT_HOME: path.join(tempDir(), 'home') });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(serve.openUrl);
      await nav(page, 'Deploy').click();
      await openFolder(page, valid);
      await expect.poll(() => page.getByTestId('project-summary').textContent()).toContain('alpha-valid');

      // The invalid project: nothing of alpha's, one did-you-mean at the misspelt key's line.
      await openFolder(page, broken);
      const issues = page.getByTestId('project-issues');
      await expect.poll(() => issues.textContent()).toContain('line 6, col 1 — unknown key `modle` — did you mean `model`?');
      expect(await issues.textContent()).toMatch(/^1 problem/);
      const body = (await page.locator('main').textContent()) ?? '';
      expect(body).not.toContain('alpha');
      expect(body).toContain('The summary appears once skylift.yaml is valid.');
      expect(await page.getByTestId('project-summary').count()).toBe(0);
      expect(await page.locator('.cm-gutter-lint .cm-lint-marker-error').count()).toBe(1);
      expect(Math.abs((await middleY(page, '.cm-gutter-lint .cm-lint-marker-error', 0)) - (await middleY(page, '.cm-content .cm-line', 5)))).toBeLessThan(4);
      expect(await page.locator('.cm-lineNumbers .cm-gutterElement', { hasText: /^6$/ }).count()).toBe(1);

      // Typing into the editor: an unquoted version and the typo, both at their lines, sorted.
      const text = project('beta-broken', 'modle: model:Classifier').replace('python: "3.11"', 'python: 3.10');
      await page.getByTestId('project-yaml').fill(text);
      await expect.poll(() => issues.textContent()).toMatch(/^2 problems/);
      const items = await issues.getByRole('listitem').allTextContents();
      expect(items).toEqual([
        'line 3, col 1 — python: quote the version: python: "3.10" (unquoted, YAML reads 3.10 as the number 3.1)',
        'line 6, col 1 — unknown key `modle` — did you mean `model`?',
      ]);
      expect(await page.locator('.cm-gutter-lint .cm-lint-marker-error').count()).toBe(2);
      expect(Math.abs((await middleY(page, '.cm-gutter-lint .cm-lint-marker-error', 0)) - (await middleY(page, '.cm-content .cm-line', 2)))).toBeLessThan(4);
      expect(await page.getByTestId('project-save').isDisabled()).toBe(true);

      // Fixed in the editor: the summary is beta's own.
      await page.getByTestId('project-yaml').fill(project('beta-broken', 'model: model:Classifier'));
      await expect.poll(() => page.getByTestId('project-summary').textContent()).toContain('beta-broken-weights.bin');
      expect(await page.getByTestId('project-summary').textContent()).not.toContain('alpha');
    } finally {
      await page.close();
      await serve.stop();
    }
  }, 120_000);
});
