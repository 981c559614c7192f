import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/contract';
import { dockerServerVersion } from '../helpers/docker';
import { useTempDir } from '../helpers/temp';
import { electronBinary } from './electron-binary';

/**
 * Skipped where no Electron binary is installed (this build machine: ELECTRON_SKIP_BINARY_DOWNLOAD);
 * the skip reason is printed, and the same UI and contract are covered in Chromium by browser mode.
 */
describe('Electron app', () => {
  const tempDir = useTempDir();
  const binary = electronBinary();

  it('opens a sandboxed window from app:// whose page sees only window.skylift, and shows the engine', async (ctx) => {
    if ('reason' in binary) ctx.skip(binary.reason);
    const app = await electron.launch({
      executablePath: (binary as { path: string }).path,
      args: ['.', '--no-sandbox'],
      env: { ...process.env, SKYLIFT_HOME: tempDir() },
    });
    try {
      const page = await app.firstWindow();
      await page.getByTestId('engine-version').waitFor();
      expect(page.url()).toBe('app://skylift/index.html');
      expect(await page.getByTestId('engine-version').textContent()).toContain(dockerServerVersion());
      const exposed = await page.evaluate(() => ({
        bridge: Object.keys((globalThis as unknown as { skylift: object }).skylift).sort(),
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
      }));
      // One method group per contract domain plus `on`, derived from the contract so it cannot rot.
      const domains = [...Object.keys(contract), 'on'].sort();
      expect(exposed).toEqual({ bridge: domains, require: 'undefined', process: 'undefined' });
      const opened = await page.evaluate(() => globalThis.open('https://example.com') === null);
      expect(opened).toBe(true);
    } finally {
      await app.close();
    }
  });
});
