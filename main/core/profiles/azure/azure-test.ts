import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { ConnectionCode, firstLine, unreachable, type Failure } from '../connection-errors';
import type { AzureIdentitySource } from './azure-credentials';

export interface AzureSubscription {
  id: string;
  name: string;
  state: string;
}

/** A token for Resource Manager, then the subscriptions it can see: proves identity and reach. */
export async function listSubscriptions(identity: AzureIdentitySource): Promise<{ tenantId: string; subscriptions: AzureSubscription[] }> {
  const scope = `${identity.resourceManager}/.default`;
  await inPhase('authority', async () => {
    if (identity.tenantId && identity.source !== 'Azure CLI login') await checkTenant(identity.authorityHost, identity.tenantId);
    await identity.credential.getToken(scope);
  });
  return inPhase('arm', async () => {
    const client = new SubscriptionClient(identity.credential, { endpoint: identity.resourceManager, credentialScopes: [scope], retryOptions: { maxRetries: 1 } });
    const subscriptions: AzureSubscription[] = [];
    let tenantId = identity.tenantId ?? '';
    for await (const s of client.subscriptions.list()) {
      subscriptions.push({ id: s.subscriptionId ?? '', name: s.displayName ?? '', state: s.state ?? '' });
      tenantId ||= s.tenantId ?? '';
    }
    return { tenantId, subscriptions };
  });
}

/** Which host a failure came from: Entra ID (token) or Resource Manager (subscriptions). */
class PhaseError extends Error {
  constructor(readonly phase: 'authority' | 'arm', override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

async function inPhase<T>(phase: PhaseError['phase'], work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new PhaseError(phase, error);
  }
}

/**
 * MSAL reports an unknown tenant as a failed endpoint discovery, the same words as an unreachable
 * host; asking the tenant's metadata first tells the two apart.
 */
async function checkTenant(authorityHost: string, tenantId: string): Promise<void> {
  const response = await fetch(`${authorityHost}/${encodeURIComponent(tenantId)}/v2.0/.well-known/openid-configuration`, { signal: AbortSignal.timeout(10_000) });
  if (response.ok) return;
  const body = (await response.json().catch(() => ({}))) as { error?: string; error_description?: string };
  throw Object.assign(new Error(body.error_description ?? `The tenant's metadata answered ${response.status}.`), { code: body.error ?? `HTTP ${response.status}` });
}

/** Entra ID's AADSTS codes and ARM's error codes, as what the user can do about them. */
export function azureFailure(thrown: unknown, identity: { authorityHost: string; resourceManager: string }): Failure {
  const error = thrown instanceof PhaseError ? thrown.cause : thrown;
  const message = firstLine(error instanceof Error ? error.message : String(error));
  const text = `${String((error as { code?: unknown }).code ?? '')} ${message}`;
  const network = unreachable(error, thrown instanceof PhaseError && thrown.phase === 'arm' ? identity.resourceManager : identity.authorityHost);
  if (network) return network;
  if (/AADSTS(90002|700016|90023|900023|50020)\b|invalid_tenant|tenant.*not found|not found in the directory/i.test(text)) {
    return { code: ConnectionCode.WrongTenant, message: `Entra ID does not know this tenant or application: ${aadsts(message)}`, hint: 'Check the tenant id (Entra ID → Overview) and that the application (client) id is registered in that tenant.' };
  }
  if (/AADSTS(7000222|700082|50173|70043)\b|expired/i.test(text) && !/AADSTS700024\b/.test(text)) {
    return { code: ConnectionCode.ExpiredSession, message: `The credential has expired: ${aadsts(message)}`, hint: 'Create a new client secret (Entra ID → App registrations → Certificates & secrets) and use "Replace secret", or run `az login` again for an Azure CLI profile.' };
  }
  if (/AADSTS(700024|500133|1000501)\b|clock|not within (its|the) valid time range|skew/i.test(text)) {
    return { code: ConnectionCode.ClockSkew, message: `Entra ID refused the request time: ${aadsts(message)}`, hint: "This computer's clock is off. Turn on automatic time (e.g. `timedatectl set-ntp true`) and test again." };
  }
  if (/AADSTS(7000215|700027|7000214|700023|50012)\b|invalid_client|invalid client secret/i.test(text)) {
    return { code: ConnectionCode.InvalidKey, message: `Entra ID did not accept this credential: ${aadsts(message)}`, hint: 'Check you pasted the secret value (not its id), or the certificate registered on the application; then use "Replace secret".' };
  }
  if (/AuthorizationFailed|Forbidden|403|does not have authorization/i.test(text)) {
    return { code: ConnectionCode.PermissionDenied, message: `Azure denied the request: ${message}`, hint: 'The identity signed in but has no role here. Give it a role (e.g. Reader) on the subscription.' };
  }
  if (/az login|Please run 'az login'|not logged in/i.test(text)) {
    return { code: ConnectionCode.ExpiredSession, message: 'The Azure CLI is not logged in.', hint: 'Run `az login` (with --tenant for a specific tenant), then test again.' };
  }
  if (/Azure CLI could not be found|az: not found|ENOENT/i.test(text)) {
    return { code: ConnectionCode.ProfileInvalid, message: 'The Azure CLI (az) is not installed or not on PATH.', hint: 'Install the Azure CLI and run `az login`, or use a service principal profile.' };
  }
  return { code: ConnectionCode.Unknown, message: `The test failed: ${message}`, hint: 'Check the tenant, the cloud and its endpoints, then test again.' };
}

/** MSAL messages carry trace and correlation ids after the AADSTS line; keep the part a user reads. */
function aadsts(message: string): string {
  return /AADSTS\d+:[^.]*\./.exec(message)?.[0] ?? message;
}
