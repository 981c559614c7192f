import type { ProfileSummary } from '../../../../shared/contract';
import type { FieldErrors } from '../settings/field-errors';
import { TextField } from '../TextField';
import { FieldSelect } from './FieldSelect';
import type { ProfileDraft } from './profile-draft';
import { KIND_LABEL } from './profile-labels';

interface AwsFieldsProps {
  draft: ProfileDraft;
  errors: FieldErrors;
  onChange: (patch: Partial<ProfileDraft>) => void;
  /** AWS profiles that may assume the role (never the profile being edited). */
  sources: ProfileSummary[];
}

/** Region, and for an assumed role the role and the profile that assumes it. */
export function AwsFields({ draft, errors, onChange, sources }: AwsFieldsProps) {
  const linked = draft.kind === 'aws-shared-file';
  return (
    <>
      <TextField label={linked ? 'Region (optional)' : 'Region'} value={draft.region} error={errors.region} placeholder="eu-west-1" short
        hint={linked ? 'Leave empty to use the region the shared config file gives (or us-east-1).' : undefined}
        onChange={(region) => onChange({ region })} />
      {draft.kind === 'aws-assume-role' && (
        <>
          <TextField label="Role ARN" value={draft.roleArn} error={errors.roleArn} placeholder="arn:aws:iam::123456789012:role/deployer"
            onChange={(roleArn) => onChange({ roleArn })} />
          <FieldSelect label="Source profile" value={draft.sourceProfileId} error={errors.sourceProfileId} placeholder="Choose a profile…"
            options={sources.map((p) => ({ value: p.id, label: `${p.name} (${KIND_LABEL[p.kind].toLowerCase()})` }))}
            hint={sources.length === 0 ? 'Add or import an AWS profile with keys first; it is the one that calls AssumeRole.' : 'The AWS profile whose credentials call AssumeRole.'}
            onChange={(sourceProfileId) => onChange({ sourceProfileId })} />
          <div className="field-pair">
            <TextField label="External ID (optional)" value={draft.externalId} error={errors.externalId}
              hint="Only if the role's trust policy asks for one." onChange={(externalId) => onChange({ externalId })} />
            <TextField label="Session name (optional)" value={draft.sessionName} error={errors.sessionName} placeholder="skylift"
              hint="Shows in CloudTrail as who assumed the role." onChange={(sessionName) => onChange({ sessionName })} />
          </div>
        </>
      )}
    </>
  );
}
