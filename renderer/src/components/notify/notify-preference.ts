/** The browser-mode opt-in, kept in this browser only (the app notifies without one). */
const KEY = 'skylift.notifyLongJobs';

export const isBrowserMode = (): boolean => !window.skylift;
export const browserCanNotify = (): boolean => typeof window.Notification === 'function';

export function longJobNoticesWanted(): boolean {
  try {
    return window.localStorage.getItem(KEY) === 'on';
  } catch {
    return false;
  }
}

export function setLongJobNoticesWanted(on: boolean): void {
  try {
    if (on) window.localStorage.setItem(KEY, 'on');
    else window.localStorage.removeItem(KEY);
  } catch {
    // Storage refused (private mode): the toggle just does not survive a reload.
  }
}
