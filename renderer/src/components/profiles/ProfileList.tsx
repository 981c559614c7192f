import type { ProfileSummary } from '../../../../shared/contract';
import type { ProfilesByProvider } from '../../hooks/use-profiles';
import type { ProfileTestState } from '../../hooks/use-profiles-test';
import { Panel } from '../Panel';
import { ProfileCard, type ProfileCardActions } from './ProfileCard';
import { PROVIDER_LABEL } from './profile-labels';

interface ProfileListProps {
  byProvider: ProfilesByProvider;
  all: ProfileSummary[];
  tests: Record<string, ProfileTestState>;
  actions: ProfileCardActions;
}

/** Profiles grouped by cloud, each group with its own default. */
export function ProfileList({ byProvider, all, tests, actions }: ProfileListProps) {
  const nameOf = (id: string) => all.find((p) => p.id === id)?.name;
  return (
    <div className="panel-stack">
      {(['aws', 'azure'] as const).map((provider) => (
        <Panel key={provider} title={`${PROVIDER_LABEL[provider]} profiles`}>
          {byProvider[provider].length === 0 ? (
            <p className="muted">No {PROVIDER_LABEL[provider]} profiles yet.</p>
          ) : (
            <>
              <ul className="profile-list">
                {byProvider[provider].map((profile) => (
                  <li key={profile.id}>
                    <ProfileCard profile={profile} nameOf={nameOf} test={tests[profile.id]} actions={actions} />
                  </li>
                ))}
              </ul>
              <p className="panel-note">Skylift uses the default {PROVIDER_LABEL[provider]} profile wherever none is chosen.</p>
            </>
          )}
        </Panel>
      ))}
    </div>
  );
}
