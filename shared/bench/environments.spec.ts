import { describe, expect, it } from 'vitest';
import { capWarning, describeEnvironments, lambdaEnvironmentPlan } from './environments';

describe('Lambda environments for a local bench', () => {
  it('starts one environment per request in flight when the cap allows', () => {
    const plan = lambdaEnvironmentPlan({ mode: 'closed', requests: 1000, concurrency: 64 }, 64);
    expect(plan).toEqual({ requested: 64, effective: 64, cappedBy: null });
    expect(capWarning(plan)).toBeNull();
    expect(describeEnvironments(plan)).toBe('64 environments');
  });

  it('says, before the run, that a cap below the concurrency measures queueing, and keeps requested and effective', () => {
    const plan = lambdaEnvironmentPlan({ mode: 'closed', requests: 1000, concurrency: 64 }, 4);
    expect(plan).toEqual({ requested: 64, effective: 4, cappedBy: 4 });
    expect(capWarning(plan)).toBe('Only 4 environments will start, not 64: Settings caps Lambda environments at 4, so requests beyond 4 queue and the latency includes that wait. Raise the cap in Settings to measure 64.');
    expect(describeEnvironments(plan)).toContain('4 of 64 environments');
  });

  it('gives open loop the cap, and says so, since the rate decides how many Lambda would start', () => {
    const plan = lambdaEnvironmentPlan({ mode: 'open', ratePerSec: 100, durationSec: 10 }, 4);
    expect(plan).toEqual({ requested: null, effective: 4, cappedBy: 4 });
    expect(capWarning(plan)).toMatch(/^Open loop starts 4 environments/);
  });
});
