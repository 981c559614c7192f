import type { ProfileSummary } from '../../../../shared/contract';
import type { Fact } from '../Facts';
import { CLOUD_OPTIONS, KIND_LABEL, SOURCE_LABEL } from './profile-labels';

/** What the list says about a profile, in words; `nameOf` turns a source profile id into its name. */
export function profileFacts(profile: ProfileSummary, nameOf: (id: string) => string | undefined): Fact[] {
  const { fields, endpoints } = profile;
  const facts: Fact[] = [
    { label: 'Kind', value: KIND_LABEL[profile.kind] },
    { label: 'Source', value: SOURCE_LABEL[profile.source] },
  ];
  if (profile.maskedKeyId) facts.push({ label: 'Access key ID', value: profile.maskedKeyId, code: true });
  facts.push(...(profile.provider === 'aws' ? awsFacts(profile, nameOf) : azureFacts(profile)));
  const overrides = Object.entries(endpoints);
  if (profile.provider === 'aws' && overrides.length > 0) {
    facts.push({ label: 'Endpoints', value: overrides.map(([service, url]) => `${service.toUpperCase()} ${url}`).join(', '), code: true });
  }
  if (profile.kind === 'aws-shared-file') {
    facts.push({ label: 'File', value: fields.configFile ?? 'the default AWS config file', code: Boolean(fields.configFile) });
    if (fields.fileProfile && fields.fileProfile !== profile.name) facts.push({ label: 'Profile in the file', value: fields.fileProfile, code: true });
  }
  return facts;
}

function awsFacts(profile: ProfileSummary, nameOf: (id: string) => string | undefined): Fact[] {
  const { fields } = profile;
  const facts: Fact[] = [{ label: 'Region', value: profile.region ?? 'Not set (us-east-1)' }];
  if (fields.roleArn) facts.push({ label: 'Role ARN', value: fields.roleArn, code: true });
  if (fields.sourceProfileId) facts.push({ label: 'Source profile', value: nameOf(fields.sourceProfileId) ?? 'A profile that no longer exists' });
  return facts;
}

function azureFacts(profile: ProfileSummary): Fact[] {
  const { fields, endpoints } = profile;
  const facts: Fact[] = [
    { label: 'Tenant', value: fields.tenantId ?? 'The tenant of your az login', code: Boolean(fields.tenantId) },
  ];
  if (fields.clientId) facts.push({ label: 'Client ID', value: fields.clientId, code: true });
  if (fields.thumbprint) facts.push({ label: 'Certificate thumbprint', value: fields.thumbprint, code: true });
  if (fields.subscriptionId) facts.push({ label: 'Default subscription', value: fields.subscriptionId, code: true });
  const cloud = fields.cloud ?? 'public';
  if (cloud !== 'public') {
    const named = CLOUD_OPTIONS.find((option) => option.value === cloud && cloud !== 'custom')?.label;
    facts.push({ label: 'Cloud', value: named ?? `Custom: signs in at ${endpoints.authorityHost ?? '?'}, manages through ${endpoints.resourceManager ?? '?'}` });
  }
  return facts;
}
