import { useState } from 'react';
import { skylift } from '../api/client';
import type { TestOutcome } from '../../../shared/contract';
import { describeError, type ErrorDescription } from '../components/describe-error';

export interface ProfileTestState {
  busy: boolean;
  outcome?: TestOutcome;
  /** The call itself failed (the profile is gone, the server is down), as opposed to a failed test. */
  error?: ErrorDescription;
}

/** "Test connection" per profile: each profile's test runs and reports on its own. */
export function useProfileTests(onTested: () => void) {
  const [tests, setTests] = useState<Record<string, ProfileTestState>>({});
  const set = (id: string, state: ProfileTestState) => setTests((all) => ({ ...all, [id]: state }));

  const test = async (id: string) => {
    if (tests[id]?.busy) return;
    set(id, { busy: true });
    try {
      set(id, { busy: false, outcome: await skylift.api.profiles.test({ id }) });
    } catch (failure) {
      set(id, { busy: false, error: describeError(failure) });
    }
    // Core records the outcome as the profile's last test, which the list shows.
    onTested();
  };

  /** Drops a shown result that no longer describes the profile (it was edited). */
  const forget = (id: string) =>
    setTests((all) => {
      const { [id]: _dropped, ...rest } = all;
      return rest;
    });

  return { tests, test, forget };
}
