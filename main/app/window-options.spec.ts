import { describe, expect, it } from 'vitest';
import { isTrustedUrl, secureWebPreferences } from './window-options';

describe('secureWebPreferences', () => {
  it("follows Electron's security checklist", () => {
    const prefs = secureWebPreferences('/opt/skylift/dist/preload/index.cjs');
    expect(prefs).toMatchObject({
      preload: '/opt/skylift/dist/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('isTrustedUrl', () => {
  it('trusts only pages from app://skylift/', () => {
    expect(isTrustedUrl('app://skylift/index.html')).toBe(true);
    expect(isTrustedUrl('app://skylift.evil/index.html')).toBe(false);
    expect(isTrustedUrl('app://other/index.html')).toBe(false);
    expect(isTrustedUrl('https://skylift/index.html')).toBe(false);
    expect(isTrustedUrl('file:///opt/skylift/dist/renderer/index.html')).toBe(false);
    expect(isTrustedUrl('not a url')).toBe(false);
    expect(isTrustedUrl(undefined)).toBe(false);
  });
});
