import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session } from 'electron';
import { createCore, type Core } from '../core/core';
import { createErrorLog } from '../core/log';
import { resolveDataLocation } from '../core/paths';
import { skyliftVersion } from '../core/version';
import { denyPermissions, hardenApp } from './harden';
import { forwardEventsTo, registerIpcHandlers } from './ipc';
import { registerAppScheme, serveRenderer } from './protocol';
import { safeStorageCipher } from './safe-storage';
import { APP_ORIGIN, secureWebPreferences } from './window-options';

// dist/app/main.cjs → dist/preload/index.cjs and dist/renderer/
const distDir = path.join(__dirname, '..');
let core: Core | undefined;

registerAppScheme();
hardenApp(app);

if (!app.requestSingleInstanceLock()) app.quit();

app.whenReady().then(() => {
  const data = resolveDataLocation({ electronUserData: app.getPath('userData') });
  const log = createErrorLog(data.dataDir);
  core = createCore({
    data,
    mode: 'electron',
    version: skyliftVersion,
    resourcesDir: path.join(distDir, '..', 'resources'),
    logError: log.error,
    // Only after ready: before it, Linux reports its keyring backend as 'unknown'.
    safeStorage: safeStorageCipher(safeStorage),
    chooseFolder: async (title) => {
      const parent = BrowserWindow.getFocusedWindow();
      const options = { title, properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'> };
      const picked = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return picked.canceled ? null : (picked.filePaths[0] ?? null);
    },
  });
  denyPermissions(session.defaultSession);
  serveRenderer(path.join(distDir, 'renderer'));
  registerIpcHandlers(ipcMain, core.dispatch);
  openWindow(core);
  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && core && openWindow(core));
});

function openWindow(current: Core): void {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    title: 'Skylift',
    show: false,
    webPreferences: secureWebPreferences(path.join(distDir, 'preload', 'index.cjs')),
  });
  forwardEventsTo(window.webContents, current.bus);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
}

app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('will-quit', (event) => {
  if (!core) return;
  // Cancel running jobs so the containers they own are cleaned up before the process exits.
  event.preventDefault();
  const closing = core;
  core = undefined;
  void closing.close().finally(() => app.quit());
});
