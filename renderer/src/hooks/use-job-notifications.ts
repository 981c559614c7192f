import { useEffect } from 'react';
import { createJobNotifier } from '../../../shared/job-notice';
import { skylift } from '../api/client';
import { browserCanNotify, isBrowserMode, longJobNoticesWanted } from '../components/notify/notify-preference';

/**
 * Browser mode only (the app shell notifies for the app): once the user opted in and the browser
 * granted permission, a long build, bench or deploy that ends while this tab is hidden or
 * unfocused shows a browser notification.
 */
export function useJobNotifications(): void {
  useEffect(() => {
    if (!isBrowserMode() || !browserCanNotify()) return;
    const notify = createJobNotifier(
      ({ title, body }) => {
        if (longJobNoticesWanted() && Notification.permission === 'granted') new Notification(title, { body, tag: 'skylift-job' });
      },
      () => document.hidden || !document.hasFocus(),
    );
    return skylift.on('jobs:changed', notify);
  }, []);
}
