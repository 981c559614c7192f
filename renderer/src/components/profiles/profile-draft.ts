import type { CallInput, ProfileInput, ProfileKind, ProfileSummary } from '../../../../shared/contract';
import type { CloudChoice } from './profile-labels';

/**
 * What the profile form holds: every kind's non-secret fields at once, as typed, so switching
 * kind and back keeps them. Secrets live apart (SecretDraft) so they can be wiped in one go.
 */
export interface ProfileDraft {
  kind: ProfileKind;
  name: string;
  region: string;
  sts: string;
  lambda: string;
  ecr: string;
  iam: string;
  /** Part of a key pair, not a secret itself, so it survives a failed save. */
  accessKeyId: string;
  roleArn: string;
  externalId: string;
  sessionName: string;
  sourceProfileId: string;
  tenantId: string;
  subscriptionId: string;
  clientId: string;
  cloud: CloudChoice;
  authorityHost: string;
  resourceManager: string;
}

export interface SecretDraft {
  secretAccessKey: string;
  sessionToken: string;
  clientSecret: string;
  certificatePem: string;
  certificatePassword: string;
}

export const blankSecrets: SecretDraft = { secretAccessKey: '', sessionToken: '', clientSecret: '', certificatePem: '', certificatePassword: '' };

export function blankDraft(kind: ProfileKind): ProfileDraft {
  return {
    kind,
    name: '',
    region: '',
    sts: '',
    lambda: '',
    ecr: '',
    iam: '',
    accessKeyId: '',
    roleArn: '',
    externalId: '',
    sessionName: '',
    sourceProfileId: '',
    tenantId: '',
    subscriptionId: '',
    clientId: '',
    cloud: 'public',
    authorityHost: '',
    resourceManager: '',
  };
}

const CLOUDS: readonly string[] = ['public', 'usgov', 'china', 'custom'];

/** An edit form's starting point: the summary's non-secret fields; secrets are never prefilled. */
export function draftFromSummary(profile: ProfileSummary): ProfileDraft {
  const { fields, endpoints } = profile;
  const cloud = fields.cloud && CLOUDS.includes(fields.cloud) ? (fields.cloud as CloudChoice) : 'public';
  return {
    ...blankDraft(profile.kind),
    name: profile.name,
    region: profile.provider === 'aws' ? (fields.region ?? profile.region ?? '') : '',
    sts: endpoints.sts ?? '',
    lambda: endpoints.lambda ?? '',
    ecr: endpoints.ecr ?? '',
    iam: endpoints.iam ?? '',
    roleArn: fields.roleArn ?? '',
    externalId: fields.externalId ?? '',
    sessionName: fields.sessionName ?? '',
    sourceProfileId: fields.sourceProfileId ?? '',
    tenantId: fields.tenantId ?? '',
    subscriptionId: fields.subscriptionId ?? '',
    clientId: fields.clientId ?? '',
    cloud,
    authorityHost: cloud === 'custom' ? (endpoints.authorityHost ?? '') : '',
    resourceManager: cloud === 'custom' ? (endpoints.resourceManager ?? '') : '',
  };
}

/** Empty optional fields are left out rather than sent as "" (which the schemas would refuse). */
const optional = (text: string): string | undefined => (text.trim() === '' ? undefined : text);

function awsEndpoints(draft: ProfileDraft) {
  return { sts: optional(draft.sts), lambda: optional(draft.lambda), ecr: optional(draft.ecr), iam: optional(draft.iam) };
}

function azureCommon(draft: ProfileDraft) {
  return {
    name: draft.name,
    subscriptionId: optional(draft.subscriptionId),
    cloud: draft.cloud,
    endpoints: draft.cloud === 'custom' ? { authorityHost: optional(draft.authorityHost), resourceManager: optional(draft.resourceManager) } : {},
  };
}

type InputOf<K extends ProfileInput['kind']> = Extract<ProfileInput, { kind: K }>;
export type ProfileUpdate = CallInput<'profiles', 'update'>['profile'];
type UpdateOf<K extends ProfileUpdate['kind']> = Extract<ProfileUpdate, { kind: K }>;

function awsStatic(draft: ProfileDraft, secrets: SecretDraft): InputOf<'aws-static'> {
  return {
    kind: 'aws-static',
    name: draft.name,
    region: draft.region,
    endpoints: awsEndpoints(draft),
    accessKeyId: draft.accessKeyId,
    secretAccessKey: secrets.secretAccessKey,
    sessionToken: optional(secrets.sessionToken),
  };
}

function awsAssumeRole(draft: ProfileDraft): InputOf<'aws-assume-role'> {
  return {
    kind: 'aws-assume-role',
    name: draft.name,
    region: draft.region,
    endpoints: awsEndpoints(draft),
    roleArn: draft.roleArn,
    externalId: optional(draft.externalId),
    sessionName: optional(draft.sessionName),
    sourceProfileId: draft.sourceProfileId,
  };
}

function azureSecret(draft: ProfileDraft, clientSecret: string | undefined): UpdateOf<'azure-client-secret'> {
  return { kind: 'azure-client-secret', ...azureCommon(draft), tenantId: draft.tenantId, clientId: draft.clientId, ...(clientSecret === undefined ? {} : { clientSecret }) };
}

function azureCertificate(draft: ProfileDraft, secrets: SecretDraft | null): UpdateOf<'azure-client-certificate'> {
  return {
    kind: 'azure-client-certificate',
    ...azureCommon(draft),
    tenantId: draft.tenantId,
    clientId: draft.clientId,
    ...(secrets ? { certificatePem: secrets.certificatePem, certificatePassword: optional(secrets.certificatePassword) } : {}),
  };
}

function azureCli(draft: ProfileDraft): InputOf<'azure-cli'> {
  return { kind: 'azure-cli', ...azureCommon(draft), tenantId: optional(draft.tenantId) };
}

/** The add call's input for the chosen kind; only that kind's fields are sent (the schemas are strict). */
export function inputFromDraft(draft: ProfileDraft, secrets: SecretDraft): ProfileInput {
  switch (draft.kind) {
    case 'aws-shared-file':
      throw new Error('A profile linked to the AWS shared files comes from an import, not the add form.');
    case 'aws-static':
      return awsStatic(draft, secrets);
    case 'aws-assume-role':
      return awsAssumeRole(draft);
    case 'azure-client-secret':
      return { ...azureSecret(draft, secrets.clientSecret), clientSecret: secrets.clientSecret };
    case 'azure-client-certificate':
      return { ...azureCertificate(draft, secrets), certificatePem: secrets.certificatePem };
    case 'azure-cli':
      return azureCli(draft);
  }
}

/**
 * The update call's profile. `secrets` is null while the secret stays hidden ("Replace secret"
 * not used): then no secret field is sent and core keeps the stored one.
 */
export function updateFromDraft(draft: ProfileDraft, secrets: SecretDraft | null): ProfileUpdate {
  switch (draft.kind) {
    case 'aws-shared-file':
      return { kind: 'aws-shared-file', name: draft.name, region: optional(draft.region), endpoints: awsEndpoints(draft) };
    case 'aws-static': {
      // A key pair is replaced whole; left out entirely, core keeps the stored one.
      if (secrets) return awsStatic(draft, secrets);
      return { kind: 'aws-static', name: draft.name, region: draft.region, endpoints: awsEndpoints(draft) };
    }
    case 'aws-assume-role':
      return awsAssumeRole(draft);
    case 'azure-client-secret':
      return azureSecret(draft, secrets?.clientSecret);
    case 'azure-client-certificate':
      return azureCertificate(draft, secrets);
    case 'azure-cli':
      return azureCli(draft);
  }
}

/** Whether a kind keeps a secret of its own (and so needs the keychain, or the file opt-in). */
export const kindHasSecret = (kind: ProfileKind): boolean =>
  kind === 'aws-static' || kind === 'azure-client-secret' || kind === 'azure-client-certificate';
