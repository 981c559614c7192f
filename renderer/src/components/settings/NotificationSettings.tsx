import { useState } from 'react';
import { NOTIFY_AFTER_MS } from '../../../../shared/job-notice';
import { CheckboxField } from '../CheckboxField';
import { browserCanNotify, isBrowserMode, longJobNoticesWanted, setLongJobNoticesWanted } from '../notify/notify-preference';
import { Panel } from '../Panel';

const LONG = `${NOTIFY_AFTER_MS / 1000} s`;

/** The browser-mode opt-in to notifications; the browser is asked for permission only when the user turns it on. */
export function NotificationSettings() {
  const [on, setOn] = useState(() => longJobNoticesWanted() && browserCanNotify() && Notification.permission === 'granted');
  const [problem, setProblem] = useState<string | null>(null);

  if (!isBrowserMode()) {
    return (
      <Panel title="Notifications">
        <p className="muted">A build, bench or deploy that runs over {LONG} and ends while Skylift is not in front shows a desktop notification.</p>
      </Panel>
    );
  }

  const change = async (wanted: boolean) => {
    setProblem(null);
    if (!wanted) {
      setLongJobNoticesWanted(false);
      return setOn(false);
    }
    if (!browserCanNotify()) return setProblem('This browser cannot show notifications.');
    const permission = await Notification.requestPermission();
    if (permission !== 'granted') {
      return setProblem('The browser did not allow notifications for this page. Allow them in its site settings, then turn this on again.');
    }
    setLongJobNoticesWanted(true);
    setOn(true);
  };

  return (
    <Panel title="Notifications">
      <CheckboxField label="Notify me when a long job ends while this tab is in the background" checked={on} onChange={(wanted) => void change(wanted)}
        hint={`A build, bench or deploy that ran over ${LONG}. The browser asks for permission when you turn this on; the choice is kept in this browser.`} />
      {problem && (
        <p className="alert alert-warning" role="alert" data-testid="notify-problem">
          {problem}
        </p>
      )}
    </Panel>
  );
}
