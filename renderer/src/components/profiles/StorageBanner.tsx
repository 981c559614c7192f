import { useId } from 'react';
import type { SecretStorage } from '../../../../shared/contract';
import type { ErrorDescription } from '../describe-error';
import { ErrorAlert } from '../ErrorAlert';
import { PathText } from '../PathText';
import { RichText } from '../RichText';
import { FileOptIn } from './FileOptIn';

interface StorageBannerProps {
  storage: SecretStorage;
  busy: boolean;
  error: ErrorDescription | null;
  setFileOptIn: (enabled: boolean) => void;
}

const SECURE_LINE: Partial<Record<SecretStorage['backend'], string>> = {
  keychain: "Secrets are kept in your system keychain; Skylift's database holds none.",
  'safe-storage': "Secrets are encrypted with Electron safeStorage (your system keychain); Skylift's database holds none.",
};

/** Where secrets go: a quiet line when that is a keychain, a warning (and the file opt-in) when not. */
export function StorageBanner({ storage, busy, error, setFileOptIn }: StorageBannerProps) {
  const titleId = useId();
  if (storage.secure) {
    return (
      <p className="storage-line muted" data-testid="secret-storage">
        {SECURE_LINE[storage.backend] ?? <RichText text={storage.message} />}
      </p>
    );
  }
  const inFile = storage.fileOptIn.enabled;
  return (
    <section className="alert alert-warning storage-banner" aria-labelledby={titleId} data-testid="secret-storage">
      <p className="alert-title" id={titleId}>
        {inFile ? 'Secrets are kept in a file that is not encrypted' : 'No keychain: Skylift cannot store secrets securely here'}
      </p>
      <p>
        <RichText text={storage.message} />
      </p>
      {inFile && (
        <p>
          File: <code><PathText text={storage.fileOptIn.path} /></code>
        </p>
      )}
      {storage.fileOptIn.available && <FileOptIn optIn={storage.fileOptIn} busy={busy} setFileOptIn={setFileOptIn} />}
      {error && <ErrorAlert error={error} title="Not changed" />}
    </section>
  );
}
