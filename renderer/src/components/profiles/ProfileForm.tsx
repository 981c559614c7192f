import type { FormEvent } from 'react';
import type { Provider, ProfileSummary, SecretStorage } from '../../../../shared/contract';
import { useProfileForm } from '../../hooks/use-profiles-form';
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

interface ProfileFormProps {
  /** null to add a profile. */
  editing: ProfileSummary | null;
  profiles: ProfileSummary[];
  storage: SecretStorage | undefined;
  onSaved: (profile: ProfileSummary) => void;
  onCancel: () => void;
}

const PROVIDER_OPTIONS = (['aws', 'azure'] as const).map((value) => ({ value, label: PROVIDER_LABEL[value] }));

/** Add a profile (choose provider, then kind), or edit one: same fields, secrets only on "Replace secret". */
export function ProfileForm({ editing, profiles, storage, onSaved, onCancel }: ProfileFormProps) {
  const form = useProfileForm(editing, onSaved);
  const { draft, fieldErrors: errors, change } = form;
  const provider: Provider = draft.kind.startsWith('azure') ? 'azure' : 'aws';
  const sources = profiles.filter((p) => p.provider === 'aws' && p.id !== editing?.id);
  const sendsSecret = kindHasSecret(draft.kind) && (!editing || form.replacingSecret);
  const secretRefused = sendsSecret && storage !== undefined && !storage.secure && !storage.fileOptIn.enabled;

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
      {secretRefused && (
        <div className="alert alert-warning" data-testid="profile-form-storage-note">
          <p>This machine has no keychain, so Skylift will refuse to store this secret until you opt in to the file above.</p>
        </div>
      )}
      {form.error && <ErrorAlert error={form.error} title="Not saved" testId="profile-form-error" />}
      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-busy={form.busy} aria-disabled={form.busy}>
          {form.busy ? 'Saving…' : 'Save profile'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
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
