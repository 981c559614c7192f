import type { ProfileKind } from '../../../../shared/contract';
import type { FieldErrors } from '../settings/field-errors';
import { TextField } from '../TextField';
import type { ProfileDraft, SecretDraft } from './profile-draft';
import { SecretField } from './SecretField';

interface SecretInputsProps {
  kind: ProfileKind;
  draft: ProfileDraft;
  secrets: SecretDraft;
  errors: FieldErrors;
  onChange: (patch: Partial<ProfileDraft>) => void;
  onSecretChange: (patch: Partial<SecretDraft>) => void;
}

/** The write-only part of a profile: an AWS key pair, a client secret, or a certificate. */
export function SecretInputs({ kind, draft, secrets, errors, onChange, onSecretChange }: SecretInputsProps) {
  switch (kind) {
    case 'aws-static':
      return (
        <>
          <TextField label="Access key ID" value={draft.accessKeyId} error={errors.accessKeyId} placeholder="AKIA…"
            onChange={(accessKeyId) => onChange({ accessKeyId })} />
          <SecretField label="Secret access key" value={secrets.secretAccessKey} error={errors.secretAccessKey}
            onChange={(secretAccessKey) => onSecretChange({ secretAccessKey })} />
          <SecretField label="Session token (optional)" value={secrets.sessionToken} error={errors.sessionToken}
            hint="Only for temporary keys (ASIA…); they stop working when the session expires."
            onChange={(sessionToken) => onSecretChange({ sessionToken })} />
        </>
      );
    case 'azure-client-secret':
      return (
        <SecretField label="Client secret" value={secrets.clientSecret} error={errors.clientSecret}
          hint="The secret's value, not its id." onChange={(clientSecret) => onSecretChange({ clientSecret })} />
      );
    case 'azure-client-certificate':
      return (
        <>
          <SecretField label="Certificate (PEM with private key)" value={secrets.certificatePem} error={errors.certificatePem} multiline
            placeholder={'-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\n…\n-----END PRIVATE KEY-----'}
            hint="Paste one PEM holding both the certificate and its private key."
            onChange={(certificatePem) => onSecretChange({ certificatePem })} />
          <SecretField label="Certificate password (optional)" value={secrets.certificatePassword} error={errors.certificatePassword}
            hint="Only if the private key is encrypted." onChange={(certificatePassword) => onSecretChange({ certificatePassword })} />
        </>
      );
    default:
      return null;
  }
}
