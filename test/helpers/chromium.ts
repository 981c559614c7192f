import { chromium, type Browser } from 'playwright-core';

export const chromiumPath = (): string => process.env.SKYLIFT_CHROMIUM || '/usr/bin/chromium';

/** Debian's Chromium, headless, with the flags a closed network needs (no background calls home). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
}
