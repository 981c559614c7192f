import { describe, expect, it } from 'vitest';
import type { Job } from '../../shared/contract';
import { jobNotice } from '../../shared/job-notice';
import { EventBus } from '../core/events';
import { desktopNotices, type NotificationClass, type WindowList } from './desktop-notices';
import { notifyLongJobs } from './job-notifications';

/** Stands in for Electron's Notification: records each notice made, shown and listened to. */
function fakeNotificationClass(supported: boolean) {
  const made: FakeNotice[] = [];
  class FakeNotice {
    shown = 0;
    listeners = new Map<string, () => void>();
    constructor(readonly options: { title: string; body: string }) {
      made.push(this);
    }
    static isSupported = () => supported;
    show() {
      this.shown++;
    }
    on(event: string, listener: () => void) {
      this.listeners.set(event, listener);
      return this;
    }
  }
  return { Notification: FakeNotice as NotificationClass, made };
}

function fakeWindows(state: { focused: boolean; minimized: boolean }) {
  const calls: string[] = [];
  const window = {
    isFocused: () => state.focused,
    isMinimized: () => state.minimized,
    restore: () => calls.push('restore'),
    show: () => calls.push('show'),
    focus: () => calls.push('focus'),
  };
  return { windows: { getAllWindows: () => [window] } as WindowList, calls };
}

const longBench = (id: string): Job => ({
  id, kind: 'bench', title: `Bench ${id}`, state: 'failed', createdAt: '2026-01-01T00:00:00.000Z',
  startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:02:30.000Z', error: { code: 'X', message: 'The container stopped.' },
});

describe('desktopNotices (the app shell\'s Electron notifications)', () => {
  it('is not there where the desktop has no notification service', () => {
    const { Notification, made } = fakeNotificationClass(false);
    expect(desktopNotices(Notification, fakeWindows({ focused: false, minimized: false }).windows)).toBeNull();
    expect(made).toEqual([]);
  });

  it('shows the shared rule\'s notice as one desktop notification when a long job ends with no window focused', () => {
    const { Notification, made } = fakeNotificationClass(true);
    const state = { focused: true, minimized: false };
    const bus = new EventBus();
    notifyLongJobs(bus, desktopNotices(Notification, fakeWindows(state).windows)!);
    bus.emit('jobs:changed', longBench('watched'));
    state.focused = false;
    bus.emit('jobs:changed', longBench('away'));
    bus.emit('jobs:changed', longBench('away'));
    expect(made.map((n) => [n.options, n.shown])).toEqual([[jobNotice(longBench('away')), 1]]);
  });

  it('brings the minimised window back to the front when the notification is clicked', () => {
    const { Notification, made } = fakeNotificationClass(true);
    const { windows, calls } = fakeWindows({ focused: false, minimized: true });
    desktopNotices(Notification, windows)!.show({ title: 'Bench failed', body: 'Bench x (2 min). The container stopped.' });
    expect(calls).toEqual([]);
    made[0].listeners.get('click')!();
    expect(calls).toEqual(['restore', 'show', 'focus']);
  });
});
