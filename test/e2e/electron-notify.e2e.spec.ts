import fs from 'node:fs';
import path from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { terminalJobStates, type BenchRequest, type Envelope, type Job } from '../../shared/contract';
import type { PreloadBridge } from '../../shared/contract/bridge';
import { jobNotice, NOTIFY_AFTER_MS } from '../../shared/job-notice';
import type { Core } from '../../main/core/core';
import { finished, removeImages, TEST_BASE_IMAGE } from '../helpers/build';
import { testCore } from '../helpers/core';
import { writeProbeProject } from '../helpers/probe-project';
import { useTempDir } from '../helpers/temp';
import { electronBinary } from './electron-binary';

type Notice = { title: string; body: string };
type Bridge = { skylift: PreloadBridge };

/**
 * The app's desktop notification, end to end in Electron: a real bench that runs longer than the
 * shared rule's threshold ends while no Skylift window has focus, and the main process shows the
 * notice the shared rule words for that job. What is expected comes from shared/job-notice (where
 * the app takes it), so the test follows the rule. Skipped, with the reason printed, where no
 * Electron binary is installed (this build machine) or the desktop has no notification service.
 */
describe('Electron: a long job ends while the user looks elsewhere', () => {
  const tempDir = useTempDir();
  const binary = electronBinary();

  it('shows one desktop notification worded by the shared rule for the finished bench', async (ctx) => {
    if ('reason' in binary) ctx.skip(binary.reason);
    const home = tempDir();
    const name = `e2e-electron-notify-${process.pid}`;
    const dir = writeProbeProject(path.join(home, 'probe'), name);
    const builder: Core = testCore(path.join(home, 'data'));
    const built = await finished(builder, builder.builds.start({ dir, variant: 'local', baseImage: TEST_BASE_IMAGE }));
    expect(built.job.error).toBeNull();
    await builder.close();

    const app = await electron.launch({
      executablePath: (binary as { path: string }).path,
      args: ['.', '--no-sandbox'],
      env: { ...process.env, SKYLIFT_HOME: path.join(home, 'data') },
    });
    try {
      const page = await app.firstWindow();
      await page.getByRole('navigation').waitFor();
      if (!(await app.evaluate(({ Notification }) => Notification.isSupported()))) {
        ctx.skip('this desktop session has no notification service (Electron Notification.isSupported() is false), so the app rightly shows none');
      }
      // The main process records each notice it shows: the desktop's notification service is not something a test can read.
      await app.evaluate(({ Notification }) => {
        const shown: Notice[] = [];
        (globalThis as unknown as { skyliftNotices: Notice[] }).skyliftNotices = shown;
        Notification.prototype.show = function show(this: Electron.Notification) {
          shown.push({ title: this.title, body: this.body });
        };
      });
      const shown = () => app.evaluate(() => (globalThis as unknown as { skyliftNotices: Notice[] }).skyliftNotices);

      // The user looks elsewhere: Skylift's window is hidden, so no window has focus.
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().forEach((window) => window.hide()));
      await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().some((window) => window.isFocused()))).toBe(false);

      // Open loop for a second longer than the threshold: the job runs long by construction, not by luck.
      const request: BenchRequest = { dir, variant: 'local', load: { mode: 'open', ratePerSec: 5, durationSec: Math.ceil(NOTIFY_AFTER_MS / 1000) + 1 }, warmup: 0, coldStarts: 0, payloads: [] };
      const started = (await page.evaluate((input) => (window as unknown as Bridge).skylift.bench.start(input), request)) as Envelope<Job>;
      if (!started.ok) throw new Error(`bench.start refused: ${started.error.message}`);
      const jobId = started.value.id;
      const job = async () => {
        const answer = (await page.evaluate((id) => (window as unknown as Bridge).skylift.jobs.get({ jobId: id }), jobId)) as Envelope<Job>;
        if (!answer.ok) throw new Error(`jobs.get: ${answer.error.message}`);
        return answer.value;
      };
      await expect.poll(async () => terminalJobStates.includes((await job()).state), { timeout: 120_000, interval: 500 }).toBe(true);
      const ended = await job();
      expect(ended.state).toBe('succeeded');
      const expected = jobNotice(ended);
      expect(expected).not.toBeNull();
      await expect.poll(shown, { timeout: 10_000 }).toEqual([expected]);
    } finally {
      await app.close();
      await removeImages([`skylift/${name}:local`]);
      fs.rmSync(home, { recursive: true, force: true });
    }
  }, 300_000);
});
