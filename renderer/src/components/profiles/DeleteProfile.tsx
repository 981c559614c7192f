import { useState } from 'react';
import type { ProfileSummary } from '../../../../shared/contract';
import { describeError, type ErrorDescription } from '../describe-error';
import { ErrorAlert } from '../ErrorAlert';

interface DeleteProfileProps {
  profile: ProfileSummary;
  /** Deletes it and moves on; throws when core refuses (e.g. another profile assumes a role with it). */
  remove: (profile: ProfileSummary) => Promise<void>;
}

/** Deletes a profile (and its stored secret) after a second click that names it. */
export function DeleteProfile({ profile, remove }: DeleteProfileProps) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorDescription | null>(null);

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await remove(profile);
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  };

  const consequence = profile.source === 'stored' && profile.hasSecret ? ' Its stored secret is deleted too.' : profile.source === 'file' ? ' The AWS shared files are left as they are.' : '';
  return (
    <>
      {confirming ? (
        <div className="delete-confirm" role="group" aria-label={`Delete profile ${profile.name}?`}>
          <span>
            Delete profile <strong>{profile.name}</strong>?{consequence}
          </span>
          <button type="button" className="button button-small button-danger" data-testid="profile-delete-confirm" aria-busy={busy}
            aria-disabled={busy} onClick={() => void confirm()}>
            {busy ? 'Deleting…' : 'Delete'}
          </button>
          {/* Focus lands on the safe choice, since the button that asked is gone. */}
          <button type="button" className="button button-small" autoFocus onClick={() => { setConfirming(false); setError(null); }}>
            Keep
          </button>
        </div>
      ) : (
        <button type="button" className="button button-small" onClick={() => setConfirming(true)}>
          Delete
        </button>
      )}
      {error && <ErrorAlert error={error} title="Not deleted" />}
    </>
  );
}
