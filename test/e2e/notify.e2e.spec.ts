import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../shared/contract';
import type { Core } from '../../main/core/core';
import { createErrorLog } from '../../main/core/log';
import { startWebServer, type WebServer } from '../../main/web/server';
import { launchChromium } from '../helpers/chromium';
import { testCore } from '../helpers/core';
import { useTempDir } from '../helpers/temp';

/** Wraps Notification to record what the page shows and how often it asks for permission. */
const RECORD_NOTIFICATIONS = `
  window.__notices = [];
  window.__asked = 0;
  window.__away = false;
  const Real = window.Notification;
  class Recorded extends Real {
    constructor(title, options) {
      super(title, options);
      window.__notices.push({ title, body: options && options.body });
    }
    static requestPermission(...args) {
      window.__asked += 1;
      return Real.requestPermission(...args);
    }
  }
  window.Notification = Recorded;
  // Headless Chromium keeps its one tab focused: the test says when the user looks elsewhere.
  document.hasFocus = () => !window.__away;
`;

/** A job's final state as the runner announces it on jobs:changed. */
const ended = (id: string, kind: string, seconds: number): Job => {
  const end = Date.now();
  return { id, kind, title: `${kind} ${id}`, state: 'succeeded', createdAt: new Date(end - seconds * 1000).toISOString(), startedAt: new Date(end - seconds * 1000).toISOString(), endedAt: new Date(end).toISOString(), error: null };
};

/**
 * Browser mode's opt-in notification, in Chromium against the real server and renderer: the job
 * events come from core's bus (the contract's jobs:changed stream) so a "long" job needs no
 * long build. Notification is wrapped by an init script to record what the page shows.
 */
describe('Long-job notifications in browser mode (Chromium)', () => {
  const tempDir = useTempDir();
  let core: Core;
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  const shown = () => page.evaluate(() => (window as unknown as { __notices: Array<{ title: string; body?: string }> }).__notices);
  const asked = () => page.evaluate(() => (window as unknown as { __asked: number }).__asked);
  const emit = (job: Job) => core.bus.emit('jobs:changed', job);

  beforeAll(async () => {
    const home = tempDir();
    core = testCore(home);
    server = await startWebServer({ dispatch: core.dispatch, bus: core.bus, token: 'notify-e2e-token-0000000000', host: '127.0.0.1', port: 0, staticDir: path.resolve('dist/renderer'), logError: createErrorLog(home).error });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['notifications'], { origin: server.url.replace(/\/$/, '') });
    // A string, not a function: the test's compiled helpers do not exist in the page.
    await context.addInitScript(RECORD_NOTIFICATIONS);
    page = await context.newPage();
    await page.goto(server.openUrl);
    await page.getByRole('navigation').waitFor();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await core?.close();
  });

  it('shows nothing and asks nothing until the user opts in', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Settings', exact: true }).click();
    const toggle = page.getByLabel('Notify me when a long job ends while this tab is in the background');
    await toggle.waitFor();
    await page.evaluate(() => ((window as unknown as { __away: boolean }).__away = true));
    emit(ended('before-opt-in', 'build', 30));
    await page.waitForTimeout(500);
    expect(await shown()).toEqual([]);
    expect(await asked()).toBe(0);
    expect(await toggle.isChecked()).toBe(false);
  });

  it('asks for permission when turned on, then notifies a long build, bench or deploy that ends while the user looks elsewhere', async () => {
    const toggle = page.getByLabel('Notify me when a long job ends while this tab is in the background');
    // The box ticks once the browser has answered the permission request (asynchronously): click, then wait for it.
    await toggle.click();
    await expect.poll(() => toggle.isChecked()).toBe(true);
    expect(await asked()).toBe(1);

    await page.evaluate(() => ((window as unknown as { __away: boolean }).__away = false));
    emit(ended('watched', 'build', 30));
    await page.evaluate(() => ((window as unknown as { __away: boolean }).__away = true));
    emit(ended('short', 'bench', 4));
    emit(ended('other-kind', 'invoke', 30));
    emit(ended('long', 'bench', 42));
    emit(ended('long', 'bench', 42));
    await expect.poll(shown).toEqual([{ title: 'Bench finished', body: 'bench long (42 s).' }]);
  });

  it('keeps the choice after a reload, and stops when turned off', async () => {
    await page.reload();
    const toggle = page.getByLabel('Notify me when a long job ends while this tab is in the background');
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await page.evaluate(() => ((window as unknown as { __away: boolean }).__away = true));
    emit(ended('after-reload', 'deploy', 15));
    await expect.poll(shown).toEqual([{ title: 'Deploy finished', body: 'deploy after-reload (15 s).' }]);
    await toggle.click();
    await expect.poll(() => toggle.isChecked()).toBe(false);
    emit(ended('after-off', 'build', 15));
    await page.waitForTimeout(500);
    expect(await shown()).toHaveLength(1);
  });
});
