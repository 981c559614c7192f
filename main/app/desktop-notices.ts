import type { JobNotice } from '../../shared/job-notice';
import type { Desktop } from './job-notifications';

/** The part of Electron's Notification class used here (injected: a fake stands in for it in tests). */
export interface NotificationClass {
  isSupported(): boolean;
  new (options: { title: string; body: string }): ShownNotice;
}

interface ShownNotice {
  show(): void;
  on(event: 'click' | 'close', listener: () => void): unknown;
}

/** The part of Electron's BrowserWindow class used here. */
export interface WindowList {
  getAllWindows(): ReadonlyArray<{ isFocused(): boolean; isMinimized(): boolean; restore(): void; show(): void; focus(): void }>;
}

/**
 * Long-job notices as desktop notifications, or null where the desktop has none (no notification
 * service). Clicking one brings Skylift's window back to the front.
 */
export function desktopNotices(Notification: NotificationClass, windows: WindowList): Desktop | null {
  if (!Notification.isSupported()) return null;
  // Electron drops a notification's click handler once nothing holds the object: hold each until it is clicked or closed.
  const live = new Set<ShownNotice>();
  return {
    anyWindowFocused: () => windows.getAllWindows().some((window) => window.isFocused()),
    show: ({ title, body }: JobNotice) => {
      const notice = new Notification({ title, body });
      live.add(notice);
      notice.on('click', () => {
        live.delete(notice);
        bringToFront(windows);
      });
      notice.on('close', () => live.delete(notice));
      notice.show();
    },
  };
}

function bringToFront(windows: WindowList): void {
  const [window] = windows.getAllWindows();
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
