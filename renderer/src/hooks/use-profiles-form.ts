import { useState } from 'react';
import { skylift } from '../api/client';
import { isSkyliftError, type Provider, type ProfileSummary } from '../../../shared/contract';
import { describeError, type ErrorDescription } from '../components/describe-error';
import { blankDraft, blankSecrets, draftFromSummary, inputFromDraft, updateFromDraft, type ProfileDraft, type SecretDraft } from '../components/profiles/profile-draft';
import { ADDABLE_KINDS, type AddableKind } from '../components/profiles/profile-labels';
import { fieldErrorsFrom, type FieldErrors } from '../components/settings/field-errors';

/** The code core refuses a secret with where no keychain works and the file is not opted in to. */
const NO_SECURE_STORAGE = 'NO_SECURE_STORAGE';

/**
 * The add and edit form. Secrets are held apart from the other fields, only in this component's
 * memory (never persisted), and wiped once saved; a refused save keeps everything as typed so it
 * can be retried. Editing sends a secret only after "Replace secret"; otherwise core keeps the
 * stored one. `onStorageRefused` lets the page re-read where secrets can go.
 */
export function useProfileForm(editing: ProfileSummary | null, onSaved: (profile: ProfileSummary) => void, onStorageRefused: () => void = () => undefined) {
  const [draft, setDraft] = useState<ProfileDraft>(() => (editing ? draftFromSummary(editing) : blankDraft('aws-static')));
  const [secrets, setSecrets] = useState<SecretDraft>(blankSecrets);
  const [replacingSecret, setReplacingSecret] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorDescription | null>(null);
  const [refusedForStorage, setRefusedForStorage] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  const change = (patch: Partial<ProfileDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setFieldErrors((errors) => withoutKeys(errors, Object.keys(patch)));
  };
  const changeSecret = (patch: Partial<SecretDraft>) => {
    setSecrets((s) => ({ ...s, ...patch }));
    setFieldErrors((errors) => withoutKeys(errors, Object.keys(patch)));
  };

  const chooseKind = (kind: AddableKind) => change({ kind });
  const chooseProvider = (provider: Provider) => {
    if (!draft.kind.startsWith(provider)) chooseKind(ADDABLE_KINDS[provider][0].kind);
  };

  /** Shows or hides the secret inputs of an edit; hiding them drops whatever was typed there. */
  const replaceSecret = (replace: boolean) => {
    setReplacingSecret(replace);
    setSecrets(blankSecrets);
    if (!replace) setDraft((d) => ({ ...d, accessKeyId: '' }));
  };

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setRefusedForStorage(false);
    setFieldErrors({});
    try {
      const saved = editing
        ? await skylift.api.profiles.update({ id: editing.id, profile: updateFromDraft(draft, replacingSecret ? secrets : null) })
        : await skylift.api.profiles.add(inputFromDraft(draft, secrets));
      setSecrets(blankSecrets);
      onSaved(saved);
    } catch (failure) {
      setError(describeError(failure));
      setFieldErrors(fieldErrorsFrom(failure));
      const storageRefusal = isSkyliftError(failure) && failure.code === NO_SECURE_STORAGE;
      setRefusedForStorage(storageRefusal);
      if (storageRefusal) onStorageRefused();
    } finally {
      setBusy(false);
    }
  };

  /** Once secrets have somewhere to go, a "Not saved" for having nowhere is stale. */
  const clearStorageRefusal = () => {
    if (!refusedForStorage) return;
    setRefusedForStorage(false);
    setError(null);
  };

  return { draft, secrets, replacingSecret, busy, error, fieldErrors, change, changeSecret, chooseKind, chooseProvider, replaceSecret, submit, clearStorageRefusal };
}

export type ProfileForm = ReturnType<typeof useProfileForm>;

function withoutKeys(errors: FieldErrors, keys: string[]): FieldErrors {
  if (!keys.some((key) => errors[key])) return errors;
  const next = { ...errors };
  for (const key of keys) delete next[key];
  return next;
}
