import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Notification, safeStorage, session } from 'electron';
import { createCore, type Core } from '../core/core';
import { createErrorLog, type ErrorLog } from '../core/log';
import { resolveDataLocation } from '../core/paths';
import { skyliftVersion } from '../core/version';
import { denyPermissions, hardenApp } from './harden';
import { forwardEventsTo, registerIpcHandlers } from './ipc';
import { desktopNotices } from './desktop-notices';
import { notifyLongJobs } from './job-notifications';
import { registerAppScheme, serveRenderer } from './protocol';
import { safeStorageCipher } from './safe-storage';
import { closeWithin, QUIT_DEADLINE_MS, startupFailureText } from './startup';
import { APP_ORIGIN, secureWebPreferences } from './window-options';

// dist/app/main.cjs → dist/preload/index.cjs and dist/renderer/
const distDir = path.join(__dirname, '..');
let core: Core | undefined;
let log: ErrorLog | undefined;

registerAppScheme();
hardenApp(app);

if (!app.requestSingleInstanceLock()) app.quit();

app.whenReady().then(start).catch(failStartup);

function start(): void {
  const data = resolveDataLocation({ electronUserData: app.getPath('userData') });
  log = createErrorLog(data.dataDir);
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
  const desktop = desktopNotices(Notification, BrowserWindow);
  if (desktop) notifyLongJobs(core.bus, desktop);
  openWindow(core);
  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && core && openWindow(core));
}

/** A start that fails (a database from a newer Skylift, an unwritable data folder) says why in a dialog and exits non-zero. */
async function failStartup(error: unknown): Promise<void> {
  try {
    log?.error('startup', error);
    const text = startupFailureText(error, log?.file);
    dialog.showErrorBox(text.title, text.content);
    const started = core;
    core = undefined;
    if (started) await closeWithin(() => started.close(), QUIT_DEADLINE_MS, log?.error ?? (() => undefined));
  } finally {
    app.exit(1);
  }
}

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
  // Cancel running jobs so the containers they own are cleaned up before the process exits, but
  // never wait forever: a stuck engine call must not keep a quit app alive.
  event.preventDefault();
  const closing = core;
  core = undefined;
  void closeWithin(() => closing.close(), QUIT_DEADLINE_MS, log?.error ?? (() => undefined)).finally(() => app.quit());
});
