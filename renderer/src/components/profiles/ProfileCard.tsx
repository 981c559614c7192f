import { useId, useRef, useState } from 'react';
import type { ProfileSummary } from '../../../../shared/contract';
import type { ProfileTestState } from '../../hooks/use-profiles-test';
import { describeError, type ErrorDescription } from '../describe-error';
import { ErrorAlert } from '../ErrorAlert';
import { Facts } from '../Facts';
import { DeleteProfile } from './DeleteProfile';
import { LastTestLine } from './LastTestLine';
import { profileFacts } from './profile-facts';
import { TestResult } from './TestResult';

/** What a card's buttons do; the async ones throw when they fail, and the card shows why. */
export interface ProfileCardActions {
  test: (id: string) => void;
  edit: (profile: ProfileSummary) => void;
  makeDefault: (profile: ProfileSummary) => Promise<void>;
  remove: (profile: ProfileSummary) => Promise<void>;
}

interface ProfileCardProps {
  profile: ProfileSummary;
  nameOf: (id: string) => string | undefined;
  test: ProfileTestState | undefined;
  actions: ProfileCardActions;
}

/** One profile: what it is, how its last test went, and what can be done with it. */
export function ProfileCard({ profile, nameOf, test, actions }: ProfileCardProps) {
  const headingId = useId();
  const [defaultError, setDefaultError] = useState<ErrorDescription | null>(null);
  const testing = test?.busy ?? false;
  const cardRef = useRef<HTMLElement>(null);

  const makeDefault = async () => {
    setDefaultError(null);
    try {
      await actions.makeDefault(profile);
      // "Make default" is gone from a default profile; keep focus in this card rather than lose it.
      cardRef.current?.focus({ preventScroll: true });
    } catch (failure) {
      setDefaultError(describeError(failure));
    }
  };

  return (
    <article ref={cardRef} tabIndex={-1} className="profile-card" aria-labelledby={headingId} data-testid={`profile-card-${profile.name}`}>
      <header className="profile-card-header">
        <h3 id={headingId} className="profile-name">
          {profile.name}
        </h3>
        {profile.isDefault && <span className="badge badge-ok profile-default">Default</span>}
      </header>
      <Facts facts={profileFacts(profile, nameOf)} />
      {profile.fields.problem && <p className="field-error">This profile is {profile.fields.problem}.</p>}
      {/* A fresh test's full result replaces the one-line summary of the stored one. */}
      {!test?.outcome && <LastTestLine outcome={profile.lastTest} />}
      <div className="profile-actions">
        <button type="button" className="button button-small" aria-busy={testing} aria-disabled={testing} onClick={() => !testing && actions.test(profile.id)}>
          {testing ? 'Testing…' : 'Test connection'}
        </button>
        <button type="button" className="button button-small" onClick={() => actions.edit(profile)}>
          Edit
        </button>
        {!profile.isDefault && (
          <button type="button" className="button button-small" onClick={() => void makeDefault()}>
            Make default
          </button>
        )}
        <DeleteProfile profile={profile} remove={actions.remove} />
      </div>
      {defaultError && <ErrorAlert error={defaultError} title="Not made the default" />}
      <TestResult state={test} />
    </article>
  );
}
