import { useState } from 'react';
import { skylift } from '../api/client';
import type { SecretStorage } from '../../../shared/contract';
import { describeError, type ErrorDescription } from '../components/describe-error';
import { useAsync } from './use-async';

/** Where secrets are kept, and the opt-in to a plain file where the machine has no keychain. */
export function useSecretStorage() {
  const loaded = useAsync(() => skylift.api.profiles.storage({}));
  const [changed, setChanged] = useState<SecretStorage>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorDescription | null>(null);

  const setFileOptIn = async (enabled: boolean) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      setChanged(await skylift.api.profiles.setFileOptIn(enabled ? { enabled, acknowledgeInsecure: true } : { enabled }));
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  /** Reads it afresh (another tab or the CLI may have changed it), dropping what the last opt-in returned. */
  const reload = () => {
    setChanged(undefined);
    loaded.reload();
  };

  return { storage: changed ?? loaded.data, loadError: loaded.error, reload, busy, error, setFileOptIn };
}

export type SecretStorageControl = ReturnType<typeof useSecretStorage>;
