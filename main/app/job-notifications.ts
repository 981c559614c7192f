import type { Job } from '../../shared/contract';
import { createJobNotifier, type JobNotice } from '../../shared/job-notice';
import type { EventBus } from '../core/events';

/** The little of Electron this needs, so the rule is tested without it. */
export interface Desktop {
  anyWindowFocused(): boolean;
  show(notice: JobNotice): void;
}

/** A desktop notification when a long build, bench or deploy ends while no Skylift window has focus. */
export function notifyLongJobs(bus: EventBus, desktop: Desktop): () => void {
  const notify = createJobNotifier((notice) => desktop.show(notice), () => !desktop.anyWindowFocused());
  return bus.subscribe((event, payload) => {
    if (event === 'jobs:changed') notify(payload as Job);
  });
}
