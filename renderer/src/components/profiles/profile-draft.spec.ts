import { describe, expect, it } from 'vitest';
import { profileInputSchema, profileUpdateSchema, type ProfileSummary } from '../../../../shared/contract';
import { blankDraft, blankSecrets, draftFromSummary, inputFromDraft, updateFromDraft, type ProfileDraft } from './profile-draft';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

function summary(overrides: Partial<ProfileSummary>): ProfileSummary {
  return {
    id: 'p1',
    name: 'dev',
    provider: 'aws',
    kind: 'aws-static',
    source: 'stored',
    isDefault: false,
    maskedKeyId: 'AKIA…MPLE',
    hasSecret: true,
    region: 'eu-west-1',
    fields: { region: 'eu-west-1' },
    endpoints: {},
    lastTest: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const draft = (patch: Partial<ProfileDraft>): ProfileDraft => ({ ...blankDraft(patch.kind ?? 'aws-static'), ...patch });

describe('the profile form', () => {
  it('sends static keys as the add schema takes them, leaving empty optional fields out', () => {
    const input = inputFromDraft(draft({ name: 'dev', region: 'eu-west-1', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', sts: ' ' }), { ...blankSecrets, secretAccessKey: SECRET });
    expect(profileInputSchema.parse(input)).toEqual({ kind: 'aws-static', name: 'dev', region: 'eu-west-1', endpoints: {}, accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: SECRET });
  });

  it('sends only the chosen kind’s fields, since the schemas are strict', () => {
    const typed = draft({ kind: 'azure-cli', name: 'me', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', roleArn: 'arn:aws:iam::123456789012:role/x', clientId: 'left-over' });
    expect(profileInputSchema.parse(inputFromDraft(typed, { ...blankSecrets, clientSecret: 'typed earlier' }))).toEqual({ kind: 'azure-cli', name: 'me', cloud: 'public', endpoints: {} });
  });

  it('sends a custom cloud’s hosts, and none for a named cloud', () => {
    const base = { kind: 'azure-client-secret' as const, name: 'c', tenantId: 'contoso.onmicrosoft.com', clientId: '11111111-2222-3333-4444-555555555555', authorityHost: 'https://login.example.com', resourceManager: 'https://management.example.com' };
    const secrets = { ...blankSecrets, clientSecret: 's' };
    expect(profileInputSchema.parse(inputFromDraft(draft({ ...base, cloud: 'custom' }), secrets)).endpoints).toEqual({ authorityHost: 'https://login.example.com', resourceManager: 'https://management.example.com' });
    expect(profileInputSchema.parse(inputFromDraft(draft({ ...base, cloud: 'usgov' }), secrets)).endpoints).toEqual({});
  });

  it('prefills an edit from the summary and never holds a secret', () => {
    const edit = draftFromSummary(summary({ kind: 'aws-assume-role', maskedKeyId: null, fields: { region: 'eu-west-1', roleArn: 'arn:aws:iam::123456789012:role/deployer', sourceProfileId: 'p0' }, endpoints: { sts: 'https://sts.example.com' } }));
    expect(edit).toMatchObject({ kind: 'aws-assume-role', name: 'dev', region: 'eu-west-1', roleArn: 'arn:aws:iam::123456789012:role/deployer', sourceProfileId: 'p0', sts: 'https://sts.example.com', accessKeyId: '' });
    expect(profileUpdateSchema.parse({ id: 'p1', profile: updateFromDraft(edit, null) }).profile).toMatchObject({ kind: 'aws-assume-role', sourceProfileId: 'p0' });
  });

  it('leaves the secret out of an edit unless it is replaced', () => {
    const edit = draftFromSummary(summary({ provider: 'azure', kind: 'azure-client-secret', maskedKeyId: null, region: null, fields: { tenantId: 'contoso.onmicrosoft.com', clientId: '11111111-2222-3333-4444-555555555555', cloud: 'public' } }));
    const kept = profileUpdateSchema.parse({ id: 'p1', profile: updateFromDraft(edit, null) }).profile;
    expect(Object.keys(kept)).not.toContain('clientSecret');
    const replaced = profileUpdateSchema.parse({ id: 'p1', profile: updateFromDraft(edit, { ...blankSecrets, clientSecret: 'new' }) }).profile;
    expect(replaced).toMatchObject({ clientSecret: 'new' });
  });

  it('keeps an AWS key pair whole: both halves when replaced, neither otherwise', () => {
    const edit = draftFromSummary(summary({}));
    expect(profileUpdateSchema.parse({ id: 'p1', profile: updateFromDraft(edit, null) }).profile).toEqual({ kind: 'aws-static', name: 'dev', region: 'eu-west-1', endpoints: {} });
    const replaced = updateFromDraft({ ...edit, accessKeyId: 'AKIAI44QH8DHBEXAMPLE' }, { ...blankSecrets, secretAccessKey: SECRET });
    expect(profileUpdateSchema.parse({ id: 'p1', profile: replaced }).profile).toMatchObject({ accessKeyId: 'AKIAI44QH8DHBEXAMPLE', secretAccessKey: SECRET });
  });

  it('edits a linked shared-file profile by name, region and endpoints only', () => {
    const edit = draftFromSummary(summary({ kind: 'aws-shared-file', source: 'file', maskedKeyId: null, region: 'us-east-1', fields: { fileProfile: 'dev', configFile: '/h/.aws/config' } }));
    expect(profileUpdateSchema.parse({ id: 'p1', profile: updateFromDraft({ ...edit, region: '' }, null) }).profile).toEqual({ kind: 'aws-shared-file', name: 'dev', endpoints: {} });
  });
});
