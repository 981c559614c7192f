import type { WebPreferences } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'skylift';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Electron's security checklist, in one place a test can read. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** Only our own UI, loaded from app://skylift/, may talk to core. */
export function isTrustedUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}
