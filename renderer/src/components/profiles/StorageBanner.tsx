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
  /** The id the form's disabled Save points at for its reason. */
  id?: string;
}

const SECURE_LINE: Partial<Record<SecretStorage['backend'], string>> = {
  keychain: "Secrets are kept in your system keychain; Skylift's database holds none.",
  'safe-storage': "Secrets are encrypted with Electron safeStorage (your system keychain); Skylift's database holds none.",
};

/**
 * Where secrets go: a quiet line when that is a keychain; when not, core's one sentence (what is
 * missing, the two ways out), the probe's technical words behind "Details", and the file opt-in.
 */
export function StorageBanner({ storage, busy, error, setFileOptIn, id }: StorageBannerProps) {
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
    <section className="alert alert-warning storage-banner" aria-labelledby={titleId} data-testid="secret-storage" id={id}>
      <p className="alert-title" id={titleId} data-testid="secret-storage-sentence">
        {inFile ? 'Secrets are kept in a file that is not encrypted' : storage.message}
      </p>
      {inFile && (
        <>
          <p>
            <RichText text={storage.message} />
          </p>
          <p>
            File: <code><PathText text={storage.fileOptIn.path} /></code>
          </p>
        </>
      )}
      {storage.detail && (
        <details className="storage-details">
          <summary>Details</summary>
          <p>
            <RichText text={storage.detail} />
          </p>
        </details>
      )}
      {storage.fileOptIn.available && <FileOptIn optIn={storage.fileOptIn} busy={busy} setFileOptIn={setFileOptIn} />}
      {error && <ErrorAlert error={error} title="Not changed" />}
    </section>
  );
}
