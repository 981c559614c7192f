import type { FieldErrors } from '../settings/field-errors';
import { TextField } from '../TextField';
import type { ProfileDraft } from './profile-draft';

interface AwsEndpointOverridesProps {
  draft: ProfileDraft;
  errors: FieldErrors;
  onChange: (patch: Partial<ProfileDraft>) => void;
}

/** Per-service endpoint URLs, tucked away: most profiles use the region's public endpoints. */
export function AwsEndpointOverrides({ draft, errors, onChange }: AwsEndpointOverridesProps) {
  const anySet = Boolean(draft.sts || draft.lambda || draft.ecr || draft.iam || errors.sts || errors.lambda || errors.ecr || errors.iam);
  return (
    <details className="disclosure" open={anySet || undefined}>
      <summary>Endpoint overrides</summary>
      <div className="field-group">
        <p className="field-hint">For VPC or FIPS endpoints, GovCloud, or a local emulator. Leave empty to use the region's public endpoints.</p>
        <TextField label="STS endpoint URL (optional)" value={draft.sts} error={errors.sts} placeholder="https://sts.eu-west-1.amazonaws.com"
          onChange={(sts) => onChange({ sts })} />
        <TextField label="Lambda endpoint URL (optional)" value={draft.lambda} error={errors.lambda} placeholder="https://lambda.eu-west-1.amazonaws.com"
          onChange={(lambda) => onChange({ lambda })} />
        <TextField label="ECR endpoint URL (optional)" value={draft.ecr} error={errors.ecr} placeholder="https://api.ecr.eu-west-1.amazonaws.com"
          onChange={(ecr) => onChange({ ecr })} />
        <TextField label="IAM endpoint URL (optional)" value={draft.iam} error={errors.iam} placeholder="https://iam.amazonaws.com"
          onChange={(iam) => onChange({ iam })} />
      </div>
    </details>
  );
}
