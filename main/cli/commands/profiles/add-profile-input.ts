import fs from 'node:fs';
import { ErrorCode, SkyliftError, profileInputSchema, type AppError, type ProfileInput } from '../../../../shared/contract';
import { toAppError } from '../../../core/errors';

export type AddKind = ProfileInput['kind'];
export const ADD_KINDS: readonly AddKind[] = ['aws-static', 'aws-assume-role', 'azure-client-secret', 'azure-client-certificate', 'azure-cli'];

/** What commander hands the add action; only the options the user gave are present. */
export interface AddOptions {
  name?: string;
  region?: string;
  accessKeyId?: string;
  withSessionToken?: boolean;
  roleArn?: string;
  externalId?: string;
  sessionName?: string;
  sourceProfile?: string;
  tenant?: string;
  clientId?: string;
  subscription?: string;
  cloud?: 'public' | 'usgov' | 'china' | 'custom';
  authorityHost?: string;
  resourceManager?: string;
  stsEndpoint?: string;
  lambdaEndpoint?: string;
  iamEndpoint?: string;
  ecrEndpoint?: string;
  certificateFile?: string;
  certificatePassword?: boolean;
  json?: boolean;
}
type OptionKey = keyof AddOptions;

const AWS_OPTIONS: OptionKey[] = ['region', 'stsEndpoint', 'lambdaEndpoint', 'ecrEndpoint', 'iamEndpoint'];
const AZURE_OPTIONS: OptionKey[] = ['tenant', 'subscription', 'cloud', 'authorityHost', 'resourceManager'];
const OPTIONS_OF_KIND: Record<AddKind, OptionKey[]> = {
  'aws-static': [...AWS_OPTIONS, 'accessKeyId', 'withSessionToken'],
  'aws-assume-role': [...AWS_OPTIONS, 'roleArn', 'externalId', 'sessionName', 'sourceProfile'],
  'azure-client-secret': [...AZURE_OPTIONS, 'clientId'],
  'azure-client-certificate': [...AZURE_OPTIONS, 'clientId', 'certificateFile', 'certificatePassword'],
  'azure-cli': AZURE_OPTIONS,
};

/** Options the contract needs for each kind; missing ones are named before a secret is asked for. */
const REQUIRED_OF_KIND: Record<AddKind, OptionKey[]> = {
  'aws-static': ['region', 'accessKeyId'],
  'aws-assume-role': ['region', 'roleArn', 'sourceProfile'],
  'azure-client-secret': ['tenant', 'clientId'],
  'azure-client-certificate': ['tenant', 'clientId', 'certificateFile'],
  'azure-cli': [],
};

export const flagOf = (key: string): string => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** A usage problem in the options (the secret has not been asked for yet), or null. */
export function optionProblem(kind: AddKind, opts: AddOptions): string | null {
  const allowed = new Set<string>(['name', 'json', ...OPTIONS_OF_KIND[kind]]);
  const stray = Object.keys(opts).filter((k) => opts[k as OptionKey] !== undefined && !allowed.has(k));
  if (stray.length > 0) return `${stray.map(flagOf).join(', ')} ${stray.length === 1 ? 'does' : 'do'} not apply to ${kind} profiles (see skylift profiles add --help).`;
  if ((opts.authorityHost || opts.resourceManager) && opts.cloud !== 'custom') return '--authority-host and --resource-manager are only read with --cloud custom.';
  const missing = REQUIRED_OF_KIND[kind].filter((k) => opts[k] === undefined);
  if (missing.length > 0) return `${kind} profiles need ${missing.map(flagOf).join(', ')} (see skylift profiles add --help).`;
  return null;
}

/** The secrets a kind needs, in the order a prompt asks for them and stdin lines give them. */
export function secretFieldsOf(kind: AddKind, opts: AddOptions): Array<{ field: string; label: string }> {
  if (kind === 'aws-static') return [{ field: 'secretAccessKey', label: 'Secret access key' }, ...(opts.withSessionToken ? [{ field: 'sessionToken', label: 'Session token' }] : [])];
  if (kind === 'azure-client-secret') return [{ field: 'clientSecret', label: 'Client secret' }];
  if (kind === 'azure-client-certificate' && opts.certificatePassword) return [{ field: 'certificatePassword', label: 'Certificate password' }];
  return [];
}

/** The contract's add input from the options, before any secret is read. */
export function buildAddInput(kind: AddKind, opts: AddOptions, sourceProfileId?: string): Record<string, unknown> {
  const defined = (entries: Record<string, string | undefined>) => Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
  if (kind.startsWith('aws-')) {
    const aws = { kind, name: opts.name, region: opts.region, endpoints: defined({ sts: opts.stsEndpoint, lambda: opts.lambdaEndpoint, ecr: opts.ecrEndpoint, iam: opts.iamEndpoint }) };
    if (kind === 'aws-static') return { ...aws, accessKeyId: opts.accessKeyId };
    return { ...aws, ...defined({ roleArn: opts.roleArn, externalId: opts.externalId, sessionName: opts.sessionName }), sourceProfileId };
  }
  const azure = { kind, name: opts.name, ...defined({ tenantId: opts.tenant, subscriptionId: opts.subscription, cloud: opts.cloud }), endpoints: defined({ authorityHost: opts.authorityHost, resourceManager: opts.resourceManager }) };
  if (kind === 'azure-cli') return azure;
  if (kind === 'azure-client-secret') return { ...azure, clientId: opts.clientId };
  return { ...azure, clientId: opts.clientId, certificatePem: readCertificate(opts.certificateFile!) };
}

/** Checks the non-secret fields with placeholders for the secrets, so a typo is caught before a secret is typed. */
export function checkBeforeSecrets(input: Record<string, unknown>, secretFields: readonly string[]): void {
  const placeholders = Object.fromEntries(secretFields.map((f) => [f, 'placeholder']));
  const parsed = profileInputSchema.safeParse({ ...input, ...placeholders });
  if (!parsed.success) throw new SkyliftError(withFlagNames(toAppError(parsed.error)));
}

const FLAG_OF_FIELD: Record<string, string> = {
  tenantId: '--tenant',
  subscriptionId: '--subscription',
  sourceProfileId: '--source-profile',
  certificatePem: '--certificate-file',
  'endpoints.sts': '--sts-endpoint',
  'endpoints.lambda': '--lambda-endpoint',
  'endpoints.ecr': '--ecr-endpoint',
  'endpoints.iam': '--iam-endpoint',
  'endpoints.authorityHost': '--authority-host',
  'endpoints.resourceManager': '--resource-manager',
  secretAccessKey: 'secret access key (prompt/stdin)',
  sessionToken: 'session token (prompt/stdin)',
  clientSecret: 'client secret (prompt/stdin)',
  certificatePassword: 'certificate password (prompt/stdin)',
};

/** The contract names fields as the UI does (tenantId); a CLI user typed --tenant. */
export function withFlagNames(error: AppError): AppError {
  const fields = error.details?.fields;
  if (error.code !== ErrorCode.BadInput || !Array.isArray(fields)) return error;
  const renamed = (fields as string[]).map((line) => line.replace(/^([\w.]+):/, (_, path: string) => `${FLAG_OF_FIELD[path] ?? flagOf(path)}:`));
  return { ...error, message: `Invalid options — ${renamed.slice(0, 5).join('; ')}`, hint: 'Correct the options named above and try again (skylift profiles add --help).', details: { fields: renamed } };
}

function readCertificate(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new SkyliftError({ code: ErrorCode.NotFound, message: `Cannot read the certificate file ${file} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}).`, hint: 'Pass --certificate-file with the path of one PEM holding the certificate and its private key.' });
  }
}
