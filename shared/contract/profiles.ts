import { z } from 'zod';

/**
 * Credential profiles as they cross the contract. Secrets go one way only: into core, in the
 * write-only fields of an add or edit. Nothing that comes back holds one — the renderer sees
 * names, sources, masked key ids and test results.
 */

const name = z.string().trim().min(1, 'Give the profile a name').max(64, 'At most 64 characters').regex(/^[\w.@+-]+$/, 'Use letters, digits and . _ - @ + only (no spaces)');
const httpsUrl = z.url({ protocol: /^https?$/, error: 'Enter a URL such as https://sts.us-gov-west-1.amazonaws.com' });
const awsRegion = z.string().trim().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'Enter a region such as eu-west-1');
const guid = z.string().trim().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'Enter an id such as 00000000-0000-0000-0000-000000000000');
const tenant = z.string().trim().regex(/^([0-9a-fA-F-]{36}|[a-zA-Z0-9.-]+\.[a-z]{2,})$/, 'Enter the tenant id (a GUID) or its domain, such as contoso.onmicrosoft.com');
const secret = (what: string) => z.string().min(1, `Enter the ${what}`).max(16_384);

export const providerSchema = z.enum(['aws', 'azure']);
export type Provider = z.infer<typeof providerSchema>;

/** AWS services Skylift calls; a profile may point any of them at its own endpoint. */
export const awsEndpointsSchema = z.object({ sts: httpsUrl.optional(), lambda: httpsUrl.optional(), ecr: httpsUrl.optional(), iam: httpsUrl.optional() }).strict();
export type AwsEndpoints = z.infer<typeof awsEndpointsSchema>;

/** Azure clouds: the public one, the sovereign ones, or hosts of the user's own. */
export const azureCloudSchema = z.enum(['public', 'usgov', 'china', 'custom']);
export const azureCloudHosts = {
  public: { authorityHost: 'https://login.microsoftonline.com', resourceManager: 'https://management.azure.com' },
  usgov: { authorityHost: 'https://login.microsoftonline.us', resourceManager: 'https://management.usgovcloudapi.net' },
  china: { authorityHost: 'https://login.chinacloudapi.cn', resourceManager: 'https://management.chinacloudapi.cn' },
} as const;
export const azureEndpointsSchema = z.object({ authorityHost: httpsUrl.optional(), resourceManager: httpsUrl.optional() }).strict();

const awsBase = { name, region: awsRegion, endpoints: awsEndpointsSchema.default({}) };
const azureBase = {
  name,
  tenantId: tenant,
  subscriptionId: guid.optional(),
  cloud: azureCloudSchema.default('public'),
  /** Only read when cloud is 'custom'. */
  endpoints: azureEndpointsSchema.default({}),
};

/** What the add form sends; secret fields are required here. */
export const profileInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('aws-static'), ...awsBase, accessKeyId: z.string().trim().regex(/^(AKIA|ASIA)[A-Z0-9]{12,124}$/, 'An access key id starts with AKIA (long-term) or ASIA (temporary)'), secretAccessKey: secret('secret access key'), sessionToken: secret('session token').optional() }).strict(),
  z.object({
    kind: z.literal('aws-assume-role'),
    ...awsBase,
    roleArn: z.string().trim().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]+$/, 'Enter a role ARN such as arn:aws:iam::123456789012:role/deployer'),
    externalId: z.string().trim().min(2).max(1224).optional(),
    sessionName: z.string().trim().regex(/^[\w+=,.@-]{2,64}$/, '2-64 letters, digits or +=,.@_-').optional(),
    /** The Skylift profile whose credentials call AssumeRole. */
    sourceProfileId: z.string().min(1, 'Choose the profile that assumes the role'),
  }).strict(),
  z.object({ kind: z.literal('azure-client-secret'), ...azureBase, clientId: guid, clientSecret: secret('client secret') }).strict(),
  z.object({ kind: z.literal('azure-client-certificate'), ...azureBase, clientId: guid, certificatePem: secret('certificate (PEM with its private key)').refine((pem) => /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem) && /-----BEGIN CERTIFICATE-----/.test(pem), 'Paste one PEM holding both the certificate and its private key'), certificatePassword: z.string().max(1024).optional() }).strict(),
  z.object({ kind: z.literal('azure-cli'), ...azureBase, tenantId: tenant.optional() }).strict(),
]);
export type ProfileInput = z.input<typeof profileInputSchema>;
export type ProfileKind = z.infer<typeof profileInputSchema>['kind'] | 'aws-shared-file';

/** What the edit form sends: the same fields, but a secret left out keeps the stored one ("replace secret" fills it). */
export const profileUpdateSchema = z.object({
  id: z.string().min(1),
  profile: z.discriminatedUnion('kind', [
    profileInputSchema.options[0].partial({ accessKeyId: true, secretAccessKey: true }),
    profileInputSchema.options[1],
    profileInputSchema.options[2].partial({ clientSecret: true }),
    profileInputSchema.options[3].partial({ certificatePem: true }),
    profileInputSchema.options[4],
    /** A linked shared-file profile: only its Skylift name and region can change; the rest lives in the file. */
    z.object({ kind: z.literal('aws-shared-file'), name, region: awsRegion.optional(), endpoints: awsEndpointsSchema.default({}) }).strict(),
  ]),
}).strict();

export const testOutcomeSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    at: z.string(),
    /** Which credential source answered, e.g. "static keys", "assumed role via dev", "SSO (shared config file)". */
    credentialSource: z.string(),
    aws: z.object({ account: z.string(), arn: z.string(), userId: z.string() }).optional(),
    azure: z.object({ tenantId: z.string(), subscriptions: z.array(z.object({ id: z.string(), name: z.string(), state: z.string() })) }).optional(),
  }),
  z.object({
    ok: z.literal(false),
    at: z.string(),
    /** INVALID_KEY, EXPIRED_SESSION, WRONG_TENANT, CLOCK_SKEW, ENDPOINT_UNREACHABLE, PERMISSION_DENIED, NO_SECRET, ... */
    code: z.string(),
    message: z.string(),
    hint: z.string().optional(),
  }),
]);
export type TestOutcome = z.infer<typeof testOutcomeSchema>;

export const profileSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  provider: providerSchema,
  kind: z.enum(['aws-static', 'aws-assume-role', 'aws-shared-file', 'azure-client-secret', 'azure-client-certificate', 'azure-cli']),
  /** Where the identity lives: Skylift's keychain entry, a linked AWS shared file, or the Azure CLI's login. */
  source: z.enum(['stored', 'file', 'azure-cli']),
  isDefault: z.boolean(),
  /** `AKIA…WXYZ`; never the whole key. */
  maskedKeyId: z.string().nullable(),
  hasSecret: z.boolean(),
  region: z.string().nullable(),
  /** Every non-secret field, for the edit form and the list (role ARN, tenant, client id, file path...). */
  fields: z.record(z.string(), z.string()),
  endpoints: z.record(z.string(), z.string()),
  lastTest: testOutcomeSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProfileSummary = z.infer<typeof profileSummarySchema>;

/** Where secrets are kept and whether that is safe; the UI shows a banner when it is not. */
export const secretStorageSchema = z.object({
  backend: z.enum(['keychain', 'safe-storage', 'file', 'none']),
  secure: z.boolean(),
  /** What the user should know, e.g. why there is no keychain and what the file opt-in means. */
  message: z.string(),
  /** The technical reason (what the keychain probe said), for a "details" disclosure and logs, not the headline. */
  detail: z.string().optional(),
  /** The plaintext-file opt-in, allowed only when no keychain is present. */
  fileOptIn: z.object({ available: z.boolean(), enabled: z.boolean(), path: z.string() }),
});
export type SecretStorage = z.infer<typeof secretStorageSchema>;

export const sharedFilesSchema = z.object({
  /** Default: AWS_CONFIG_FILE, else ~/.aws/config. */
  configFile: z.string().min(1).optional(),
  /** Default: AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials. */
  credentialsFile: z.string().min(1).optional(),
}).strict();

export const importCandidateSchema = z.object({
  name: z.string(),
  kind: z.enum(['static', 'assume-role', 'sso', 'process', 'web-identity', 'other']),
  region: z.string().nullable(),
  maskedKeyId: z.string().nullable(),
  /** Role ARN, SSO start URL and account, source profile... never a secret. */
  fields: z.record(z.string(), z.string()),
  /** Only static keys can be copied in; every kind can stay linked to the file. */
  copyable: z.boolean(),
  alreadyImported: z.boolean(),
  /** Why it cannot be imported as is: already linked to this file, or its name is another profile's. */
  conflict: z.enum(['linked', 'name-taken']).nullable(),
});
export const importPreviewSchema = z.object({
  configFile: z.object({ path: z.string(), exists: z.boolean() }),
  credentialsFile: z.object({ path: z.string(), exists: z.boolean() }),
  candidates: z.array(importCandidateSchema),
  /** File problems worth showing (unreadable file, a profile section without settings). */
  warnings: z.array(z.string()),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const importRequestSchema = sharedFilesSchema.extend({
  names: z.array(z.string().min(1)).min(1, 'Choose at least one profile to import'),
  /** link: read the file at each use (edits there are seen); copy: store static keys in Skylift's keychain. */
  mode: z.enum(['link', 'copy']).default('link'),
}).strict();
