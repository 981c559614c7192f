import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServe } from '../helpers/cli';
import { launchChromium } from '../helpers/chromium';
import { dockerServerVersion } from '../helpers/docker';
import { useTempDir } from '../helpers/temp';
import { nav } from './ui';


/** The real `skylift serve`, the real engine and Debian's Chromium: what a user of browser mode sees. */
describe('browser mode UI (Chromium)', () => {
  const tempDir = useTempDir();
  let browser: Browser;
  let serve: Awaited<ReturnType<typeof startServe>> | undefined;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());
  afterEach(async () => {
    await serve?.stop();
    serve = undefined;
  });

  async function openApp() {
    serve = await startServe({ SKYLIFT_HOME: tempDir() });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(serve.openUrl);
    return { page, context, token: new URL(serve.openUrl).searchParams.get('token')! };
  }

  it("opens with the token and the Engine page shows the live engine's version", async () => {
    const { page, token, context } = await openApp();
    await page.getByTestId('engine-version').waitFor();
    expect(await page.getByTestId('engine-status').textContent()).toMatch(/\bReachable\b/);
    expect(await page.getByTestId('engine-version').textContent()).toContain(dockerServerVersion());
    // The token has left the address bar; the browser keeps only an HttpOnly cookie holding a different, per-start secret.
    expect(page.url()).not.toContain(token);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(await page.content()).not.toContain(token);
    const port = new URL(serve!.url).port;
    const cookies = await context.cookies();
    expect(cookies.map((c) => [c.name, c.domain, c.path, c.httpOnly, c.sameSite])).toEqual([[`skylift_session_${port}`, '127.0.0.1', '/', true, 'Strict']]);
    expect(cookies[0].value).not.toBe(token);
    await context.close();
  });

  it('refuses a browser that has no token', async () => {
    serve = await startServe({ SKYLIFT_HOME: tempDir() });
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(serve.url);
    expect(response?.status()).toBe(401);
    expect(await page.textContent('h1')).toBe('Open Skylift with its full address');
    expect(await page.textContent('body')).toContain('?token=');
    expect(await page.locator('#root').count()).toBe(0);
    await context.close();
  });

  it('saves an engine endpoint in Settings, keeps it across reload, and the Engine page explains the failure', async () => {
    const { page, context } = await openApp();
    await nav(page, 'Settings').click();
    await page.getByTestId('settings-engine-kind').getByLabel(/socket/i).check();
    await page.getByLabel(/socket path/i).fill('/nonexistent/docker.sock');
    await page.getByTestId('settings-test').click();
    await expect.poll(() => page.getByTestId('settings-result').textContent()).toMatch(/not reachable/i);
    expect(await page.getByTestId('settings-result').textContent()).toContain('Start the Docker engine');
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.getByTestId('settings-result').textContent()).toMatch(/saved/i);

    await page.reload();
    await nav(page, 'Settings').click();
    await expect.poll(() => page.getByLabel(/socket path/i).inputValue()).toBe('/nonexistent/docker.sock');

    await nav(page, 'Engine').click();
    const alert = page.getByTestId('engine-error');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('/nonexistent/docker.sock');
    expect(await page.getByTestId('engine-status').textContent()).toMatch(/Not reachable/);
    expect(await page.content()).not.toMatch(/\n\s+at \S+ \(/); // no stack trace anywhere on the page

    // Back to automatic: the same page recovers on Refresh, without restarting anything.
    await nav(page, 'Settings').click();
    await page.getByTestId('settings-engine-kind').getByLabel(/automatic/i).check();
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.getByTestId('settings-result').textContent()).toMatch(/saved/i);
    await nav(page, 'Engine').click();
    await page.getByTestId('engine-refresh').click();
    await expect.poll(() => page.getByTestId('engine-version').textContent()).toContain(dockerServerVersion());
    await context.close();
  });

  it('is keyboard navigable: Tab reaches the navigation and Enter opens a page', async () => {
    const { page, context } = await openApp();
    await page.getByTestId('engine-version').waitFor();
    let reached = false;
    for (let i = 0; i < 15 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.textContent?.trim() === 'Settings');
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Settings');
    expect(await nav(page, 'Settings').getAttribute('aria-current')).toBe('page');
    await context.close();
  });
});
