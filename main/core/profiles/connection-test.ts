import { SkyliftError, type TestOutcome } from '../../../shared/contract';
import type { Redactor } from '../redact';
import { resolveAws, type AwsIdentitySource } from './aws/aws-credentials';
import { awsFailure, callerIdentity } from './aws/aws-test';
import { azureHosts, resolveAzure, type AzureIdentitySource } from './azure/azure-credentials';
import { azureFailure, listSubscriptions } from './azure/azure-test';
import type { Failure } from './connection-errors';
import type { ProfileRecord } from './profile-store';
import type { SecretFields } from './secrets/secret-vault';

export interface ConnectionTestDeps {
  redactor: Redactor;
  /** A stored profile's secrets, read from the vault (and remembered for redaction). */
  secretsOf(profile: ProfileRecord): Promise<SecretFields>;
  profileById(id: string): ProfileRecord | undefined;
}

/** Tests a profile against its cloud; never throws — a failure is an outcome the user can act on. */
export function testConnection(profile: ProfileRecord, deps: ConnectionTestDeps): Promise<TestOutcome> {
  return profile.provider === 'aws' ? testAws(profile, deps) : testAzure(profile, deps);
}

async function testAws(profile: ProfileRecord, deps: ConnectionTestDeps): Promise<TestOutcome> {
  const at = new Date().toISOString();
  const where = { region: profile.fields.region ?? 'us-east-1', stsEndpoint: profile.endpoints.sts };
  try {
    const identity = await resolveAws(profile, deps);
    const remembered: AwsIdentitySource = { ...identity, credentials: rememberingKeys(identity.credentials, deps.redactor) };
    return { ok: true, at, credentialSource: identity.source, aws: await callerIdentity(remembered) };
  } catch (error) {
    return failed(at, error instanceof SkyliftError ? asFailure(error) : awsFailure(error, where), deps.redactor);
  }
}

async function testAzure(profile: ProfileRecord, deps: ConnectionTestDeps): Promise<TestOutcome> {
  const at = new Date().toISOString();
  try {
    const identity = await resolveAzure(profile, deps.secretsOf);
    const { tenantId, subscriptions } = await listSubscriptions(rememberingTokens(identity, deps.redactor));
    const wanted = profile.fields.subscriptionId;
    if (wanted && !subscriptions.some((s) => s.id === wanted)) {
      return { ok: false, at, code: 'PERMISSION_DENIED', message: `Signed in, but subscription ${wanted} is not among the ${subscriptions.length} this identity can see.`, hint: 'Give the identity a role on that subscription, or choose one it can see as the default.' };
    }
    return { ok: true, at, credentialSource: identity.source, azure: { tenantId, subscriptions } };
  } catch (error) {
    return failed(at, error instanceof SkyliftError ? asFailure(error) : azureFailure(error, azureHosts(profile)), deps.redactor);
  }
}

/** Keys an SDK provider hands out (assumed roles, SSO) are secrets too. */
function rememberingKeys(provider: AwsIdentitySource['credentials'], redactor: Redactor): AwsIdentitySource['credentials'] {
  return async (options) => {
    const credentials = await provider(options);
    redactor.remember(credentials.secretAccessKey, credentials.sessionToken);
    return credentials;
  };
}

/** So are the bearer tokens Entra ID issues. */
function rememberingTokens(identity: AzureIdentitySource, redactor: Redactor): AzureIdentitySource {
  const { credential } = identity;
  return {
    ...identity,
    credential: {
      getToken: async (scopes, options) => {
        const token = await credential.getToken(scopes, options);
        redactor.remember(token?.token);
        return token;
      },
    },
  };
}

/** A SkyliftError the user can act on as it is (no secret stored, a broken profile) is the outcome itself. */
function asFailure(error: SkyliftError): Failure {
  return { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
}

function failed(at: string, failure: Failure, redactor: Redactor): TestOutcome {
  return { ok: false, at, code: failure.code, message: redactor.redact(failure.message), ...(failure.hint ? { hint: redactor.redact(failure.hint) } : {}) };
}
