import { useState, type ReactNode } from 'react';
import { describeError, type ErrorDescription } from './describe-error';
import { ErrorAlert } from './ErrorAlert';

interface ConfirmDeleteProps {
  /** The first button, e.g. "Delete run…". */
  triggerLabel: string;
  /** What the second step asks, naming what goes. */
  question: ReactNode;
  /** The accessible name of the confirming group. */
  groupLabel: string;
  /** Deletes; throws when core refuses, and the refusal is shown beside the buttons. */
  onConfirm: () => Promise<void>;
  small?: boolean;
  /** data-testid of the first button; the confirming one gets `${testId}-confirm`. */
  testId: string;
}

/** A delete that takes a second, explicit click, and says why when it could not be done. */
export function ConfirmDelete({ triggerLabel, question, groupLabel, onConfirm, small, testId }: ConfirmDeleteProps) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorDescription | null>(null);
  const button = small ? 'button button-small' : 'button';

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  };

  return (
    <>
      {confirming ? (
        <div className="delete-confirm" role="group" aria-label={groupLabel}>
          <span>{question}</span>
          <button type="button" className={`${button} button-danger`} data-testid={`${testId}-confirm`} aria-busy={busy} aria-disabled={busy}
            onClick={() => void confirm()}>
            {busy ? 'Deleting…' : 'Delete'}
          </button>
          {/* Focus lands on the safe choice, since the button that asked is gone. */}
          <button type="button" className={button} autoFocus onClick={() => { setConfirming(false); setError(null); }}>
            Keep
          </button>
        </div>
      ) : (
        <button type="button" className={button} data-testid={testId} onClick={() => setConfirming(true)}>
          {triggerLabel}
        </button>
      )}
      {error && <ErrorAlert error={error} title="Not deleted" />}
    </>
  );
}
