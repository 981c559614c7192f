import { useEffect, useId, useRef, type FormEvent } from 'react';
import type { Provider, ProfileSummary } from '../../../../shared/contract';
import { useProfileForm } from '../../hooks/use-profiles-form';
import type { SecretStorageControl } from '../../hooks/use-profiles-storage';
import { ErrorAlert } from '../ErrorAlert';
import { TextField } from '../TextField';
import { AwsEndpointOverrides } from './AwsEndpointOverrides';
import { AwsFields } from './AwsFields';
import { AzureFields } from './AzureFields';
import { ChoiceField } from './ChoiceField';
import { kindHasSecret } from './profile-draft';
import { ADDABLE_KINDS, KIND_LABEL, PROVIDER_LABEL, type AddableKind } from './profile-labels';
import { ReplaceSecret } from './ReplaceSecret';
import { SecretInputs } from './SecretInputs';
import { StorageBanner } from './StorageBanner';

interface ProfileFormProps {
  /** null to add a profile. */
  editing: ProfileSummary | null;
  profiles: ProfileSummary[];
  secretStorage: SecretStorageControl;
  onSaved: (profile: ProfileSummary) => void;
  onCancel: () => void;
}

const PROVIDER_OPTIONS = (['aws', 'azure'] as const).map((value) => ({ value, label: PROVIDER_LABEL[value] }));

/** Add a profile (choose provider, then kind), or edit one: same fields, secrets only on "Replace secret". */
export function ProfileForm({ editing, profiles, secretStorage, onSaved, onCancel }: ProfileFormProps) {
  const { storage } = secretStorage;
  const form = useProfileForm(editing, onSaved, secretStorage.reload);
  const storageId = useId();
  const reasonId = useId();
  const { draft, fieldErrors: errors, change } = form;
  const provider: Provider = draft.kind.startsWith('azure') ? 'azure' : 'aws';
  const sources = profiles.filter((p) => p.provider === 'aws' && p.id !== editing?.id);
  const sendsSecret = kindHasSecret(draft.kind) && (!editing || form.replacingSecret);
  const canStore = storage !== undefined && (storage.secure || storage.fileOptIn.enabled);
  // Saving a secret can only be refused until a keyring runs or the file is opted in to.
  const secretRefused = sendsSecret && storage !== undefined && !canStore;
  // When secrets get somewhere to go (the opt-in), a "Not saved" for having had nowhere is stale.
  const couldStore = useRef(canStore);
  useEffect(() => {
    if (canStore && !couldStore.current) form.clearStorageRefusal();
    couldStore.current = canStore;
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit();
  };

  const secretInputs = (
    <SecretInputs kind={draft.kind} draft={draft} secrets={form.secrets} errors={errors} onChange={change} onSecretChange={form.changeSecret} />
  );

  return (
    <form className="profile-form" onSubmit={submit} noValidate data-testid="profile-form">
      {editing ? (
        <p>
          <span className="muted">Kind:</span> {PROVIDER_LABEL[editing.provider]} · {KIND_LABEL[editing.kind]}
        </p>
      ) : (
        <>
          <ChoiceField legend="Provider" value={provider} options={PROVIDER_OPTIONS} onChange={form.chooseProvider} testId="profile-provider" />
          <ChoiceField legend="Kind" value={draft.kind as AddableKind} testId="profile-kind"
            options={ADDABLE_KINDS[provider].map(({ kind, label, description }) => ({ value: kind, label, description }))}
            onChange={form.chooseKind} />
        </>
      )}
      <TextField label="Profile name" value={draft.name} error={errors.name} placeholder={provider === 'aws' ? 'dev' : 'contoso-prod'}
        hint="Letters, digits and . _ - @ + (no spaces)." onChange={(name) => change({ name })} />
      {editing?.kind === 'aws-shared-file' && <LinkedFileNote profile={editing} />}
      {provider === 'aws' ? <AwsFields draft={draft} errors={errors} onChange={change} sources={sources} /> : <AzureFields draft={draft} errors={errors} onChange={change} />}
      {kindHasSecret(draft.kind) &&
        (editing ? (
          <ReplaceSecret profile={editing} replacing={form.replacingSecret} onReplace={form.replaceSecret}>
            {secretInputs}
          </ReplaceSecret>
        ) : (
          secretInputs
        ))}
      {provider === 'aws' && <AwsEndpointOverrides draft={draft} errors={errors} onChange={change} />}
      {storage && !storage.secure && (
        <StorageBanner id={storageId} storage={storage} busy={secretStorage.busy} error={secretStorage.error}
          setFileOptIn={(on) => void secretStorage.setFileOptIn(on)} />
      )}
      {form.error && <ErrorAlert error={form.error} title="Not saved" testId="profile-form-error" />}
      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-busy={form.busy} aria-disabled={form.busy} disabled={secretRefused}
          aria-describedby={secretRefused ? `${reasonId} ${storageId}` : undefined}>
          {form.busy ? 'Saving…' : 'Save profile'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        {secretRefused && (
          <p className="muted form-actions-reason" id={reasonId} data-testid="profile-save-reason">
            Save is off: with no keychain and no opt-in, this secret could only be refused.
          </p>
        )}
      </div>
    </form>
  );
}

function LinkedFileNote({ profile }: { profile: ProfileSummary }) {
  const { configFile, credentialsFile, fileProfile } = profile.fields;
  return (
    <div className="alert alert-info">
      <p>
        The keys, role and other settings of this profile live in the AWS shared files (profile <code>{fileProfile ?? profile.name}</code> in{' '}
        <code>{configFile ?? '~/.aws/config'}</code>
        {credentialsFile && (
          <>
            {' '}
            and <code>{credentialsFile}</code>
          </>
        )}
        ); edit them there. Here you can change its name in Skylift, its region and its endpoints.
      </p>
    </div>
  );
}
