import { azureCloudHosts } from '../../../../shared/contract';
import type { FieldErrors } from '../settings/field-errors';
import { TextField } from '../TextField';
import { FieldSelect } from './FieldSelect';
import type { ProfileDraft } from './profile-draft';
import { CLOUD_OPTIONS, type CloudChoice } from './profile-labels';

interface AzureFieldsProps {
  draft: ProfileDraft;
  errors: FieldErrors;
  onChange: (patch: Partial<ProfileDraft>) => void;
}

/** Tenant, client, default subscription and cloud; a CLI login needs only the optional ones. */
export function AzureFields({ draft, errors, onChange }: AzureFieldsProps) {
  const cli = draft.kind === 'azure-cli';
  const hosts = draft.cloud === 'custom' ? null : azureCloudHosts[draft.cloud];
  return (
    <>
      <TextField label={cli ? 'Tenant ID (optional)' : 'Tenant ID'} value={draft.tenantId} error={errors.tenantId}
        placeholder="00000000-0000-0000-0000-000000000000"
        hint={cli ? <>Leave empty to use the tenant of your <code>az login</code>.</> : 'A GUID, or the tenant domain such as contoso.onmicrosoft.com.'}
        onChange={(tenantId) => onChange({ tenantId })} />
      {!cli && (
        <TextField label="Client ID" value={draft.clientId} error={errors.clientId} placeholder="00000000-0000-0000-0000-000000000000"
          hint="The application (client) id of the app registration." onChange={(clientId) => onChange({ clientId })} />
      )}
      <TextField label="Default subscription ID (optional)" value={draft.subscriptionId} error={errors.subscriptionId}
        placeholder="00000000-0000-0000-0000-000000000000" hint="Skylift deploys here unless told otherwise."
        onChange={(subscriptionId) => onChange({ subscriptionId })} />
      <FieldSelect label="Cloud" value={draft.cloud} error={errors.cloud} options={CLOUD_OPTIONS}
        hint={hosts ? `Signs in at ${hosts.authorityHost}; manages resources through ${hosts.resourceManager}.` : undefined}
        onChange={(cloud) => onChange({ cloud: cloud as CloudChoice })} />
      {draft.cloud === 'custom' && (
        <div className="field-group">
          <TextField label="Authority host" value={draft.authorityHost} error={errors.authorityHost} placeholder="https://login.microsoftonline.com"
            onChange={(authorityHost) => onChange({ authorityHost })} />
          <TextField label="Resource Manager URL" value={draft.resourceManager} error={errors.resourceManager} placeholder="https://management.azure.com"
            onChange={(resourceManager) => onChange({ resourceManager })} />
        </div>
      )}
    </>
  );
}
