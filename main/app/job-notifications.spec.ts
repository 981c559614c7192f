import { describe, expect, it } from 'vitest';
import type { Job } from '../../shared/contract';
import type { JobNotice } from '../../shared/job-notice';
import { EventBus } from '../core/events';
import { notifyLongJobs } from './job-notifications';

const ended = (id: string, kind = 'bench'): Job => ({
  id, kind, title: `Bench ${id}`, state: 'succeeded', createdAt: '2026-01-01T00:00:00.000Z',
  startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:30.000Z', error: null,
});

describe('notifyLongJobs (the app shell)', () => {
  it('notifies from jobs:changed only while no window has focus, and stops when unsubscribed', () => {
    const bus = new EventBus();
    const shown: JobNotice[] = [];
    let focused = true;
    const stop = notifyLongJobs(bus, { anyWindowFocused: () => focused, show: (n) => shown.push(n) });
    bus.emit('jobs:changed', ended('seen'));
    focused = false;
    bus.emit('jobs:changed', ended('away'));
    stop();
    bus.emit('jobs:changed', ended('after'));
    expect(shown).toEqual([{ title: 'Bench finished', body: 'Bench away (30 s).' }]);
  });
});
