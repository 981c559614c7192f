import type { ImportPreview, Provider, ProfileKind, ProfileSummary } from '../../../../shared/contract';

export const PROVIDER_LABEL: Record<Provider, string> = { aws: 'AWS', azure: 'Azure' };

/** Each kind in words, as the list and the forms name it. */
export const KIND_LABEL: Record<ProfileKind, string> = {
  'aws-static': 'Access keys',
  'aws-assume-role': 'Assumed role',
  'aws-shared-file': 'Profile in the AWS shared files',
  'azure-client-secret': 'Service principal with a client secret',
  'azure-client-certificate': 'Service principal with a certificate',
  'azure-cli': 'Azure CLI login',
};

export const SOURCE_LABEL: Record<ProfileSummary['source'], string> = {
  stored: 'Stored in Skylift',
  file: 'Imported file (linked)',
  'azure-cli': 'Azure CLI',
};

/** The kinds a user can add by hand; shared-file profiles only come from an import. */
export type AddableKind = Exclude<ProfileKind, 'aws-shared-file'>;

export const ADDABLE_KINDS: Record<Provider, Array<{ kind: AddableKind; label: string; description: string }>> = {
  aws: [
    { kind: 'aws-static', label: 'Access keys', description: 'An access key id and secret, optionally with a session token.' },
    { kind: 'aws-assume-role', label: 'Assumed role', description: 'A role another Skylift AWS profile assumes through STS.' },
  ],
  azure: [
    { kind: 'azure-client-secret', label: 'Service principal (secret)', description: 'An app registration signing in with a client secret.' },
    { kind: 'azure-client-certificate', label: 'Service principal (certificate)', description: 'An app registration signing in with a certificate.' },
    { kind: 'azure-cli', label: 'Azure CLI login', description: 'Whoever is signed in with `az login` on this machine.' },
  ],
};

export const CLOUD_OPTIONS = [
  { value: 'public', label: 'Azure public cloud' },
  { value: 'usgov', label: 'Azure US Government' },
  { value: 'china', label: 'Azure China' },
  { value: 'custom', label: 'Custom (enter its hosts)' },
] as const;
export type CloudChoice = (typeof CLOUD_OPTIONS)[number]['value'];

export const CANDIDATE_KIND_LABEL: Record<ImportPreview['candidates'][number]['kind'], string> = {
  static: 'Static keys',
  'assume-role': 'Assumed role',
  sso: 'IAM Identity Center (SSO)',
  process: 'Credential process',
  'web-identity': 'Web identity',
  other: 'Other',
};

/** A timestamp with its date, since a test may be days old. */
export function formatWhen(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
