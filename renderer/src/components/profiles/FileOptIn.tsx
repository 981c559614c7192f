import { useState } from 'react';
import type { SecretStorage } from '../../../../shared/contract';
import { CheckboxField } from '../CheckboxField';
import { PathText } from '../PathText';

interface FileOptInProps {
  optIn: SecretStorage['fileOptIn'];
  busy: boolean;
  setFileOptIn: (enabled: boolean) => void;
}

/** The explicit, acknowledged opt-in to a plaintext secrets file, and the way back out of it. */
export function FileOptIn({ optIn, busy, setFileOptIn }: FileOptInProps) {
  const [acknowledged, setAcknowledged] = useState(false);

  if (optIn.enabled) {
    return (
      <div className="form-actions">
        <button type="button" className="button" aria-busy={busy} aria-disabled={busy} onClick={() => !busy && setFileOptIn(false)}>
          Stop keeping secrets in a file
        </button>
      </div>
    );
  }

  return (
    <div className="file-opt-in">
      <p>
        You can keep secrets in <code><PathText text={optIn.path} /></code> instead, a file only your user can read.
      </p>
      <CheckboxField label="I understand this file is not encrypted" checked={acknowledged} onChange={setAcknowledged}
        hint="Anyone who can read your files as you (or a backup of them) can read the secrets in it." />
      <div className="form-actions">
        <button type="button" className="button" disabled={!acknowledged} aria-busy={busy}
          onClick={() => !busy && setFileOptIn(true)}>
          Keep secrets in a file
        </button>
      </div>
    </div>
  );
}
