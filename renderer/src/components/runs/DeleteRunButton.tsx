import { useState } from 'react';
import { skylift } from '../../api/client';
import { describeError, type ErrorDescription } from '../describe-error';
import { ErrorAlert } from '../ErrorAlert';

/** Deletes a run and its samples after a second, explicit click; then goes back to the list. */
export function DeleteRunButton({ runId, onDeleted }: { runId: string; onDeleted: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorDescription | null>(null);

  const remove = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await skylift.api.runs.delete({ runId });
      onDeleted();
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  };

  return (
    <div className="delete-run">
      {confirming ? (
        <div className="form-actions" role="group" aria-label="Delete this run?">
          <span>Delete this run and its samples?</span>
          <button type="button" className="button button-danger" data-testid="run-delete-confirm" aria-busy={busy} onClick={() => void remove()}>
            {busy ? 'Deleting…' : 'Delete'}
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </div>
      ) : (
        <button type="button" className="button" data-testid="run-delete" onClick={() => setConfirming(true)}>
          Delete run…
        </button>
      )}
      {error && <ErrorAlert error={error} title="Not deleted" />}
    </div>
  );
}
