import fs from 'node:fs';
import { createRequire } from 'node:module';

/** The Electron binary, or why it is not there (ELECTRON_SKIP_BINARY_DOWNLOAD on build machines): each Electron e2e skips with that reason. */
export function electronBinary(): { path: string } | { reason: string } {
  try {
    const binary = createRequire(import.meta.url)('electron') as string;
    return fs.existsSync(binary) ? { path: binary } : { reason: `Electron binary missing at ${binary}` };
  } catch {
    return { reason: 'Electron binary not installed (npm install ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1); the same UI is tested in Chromium through browser mode' };
  }
}
