import { AzureCliCredential, ClientCertificateCredential, ClientSecretCredential, type TokenCredential } from '@azure/identity';
import { SkyliftError, azureCloudHosts } from '../../../../shared/contract';
import type { ProfileRecord } from '../profile-store';
import type { SecretFields } from '../secrets/secret-vault';

export interface AzureIdentitySource {
  credential: TokenCredential;
  tenantId: string | null;
  authorityHost: string;
  resourceManager: string;
  /** "service principal (client secret)", "Azure CLI login" … */
  source: string;
}

const publicCloud = azureCloudHosts.public;

/** The profile's Entra ID and ARM hosts: a named cloud's, or the custom pair it stores. */
export function azureHosts(profile: ProfileRecord): { authorityHost: string; resourceManager: string } {
  return {
    authorityHost: trimSlash(profile.endpoints.authorityHost ?? publicCloud.authorityHost),
    resourceManager: trimSlash(profile.endpoints.resourceManager ?? publicCloud.resourceManager),
  };
}

export async function resolveAzure(profile: ProfileRecord, secretsOf: (p: ProfileRecord) => Promise<SecretFields>): Promise<AzureIdentitySource> {
  const hosts = azureHosts(profile);
  const tenantId = profile.fields.tenantId ?? null;
  // MSAL only knows Microsoft's own hosts; for any other authority it must not ask
  // login.microsoftonline.com to validate it (that call would leave a sovereign or private cloud).
  const options = { authorityHost: hosts.authorityHost, disableInstanceDiscovery: !isKnownAuthority(hosts.authorityHost) };
  switch (profile.kind) {
    case 'azure-client-secret': {
      const { clientSecret } = await secretsOf(profile);
      return { ...hosts, tenantId, source: 'service principal (client secret)', credential: new ClientSecretCredential(requireTenant(profile), profile.fields.clientId, clientSecret, options) };
    }
    case 'azure-client-certificate': {
      const { certificatePem, certificatePassword } = await secretsOf(profile);
      const credential = new ClientCertificateCredential(requireTenant(profile), profile.fields.clientId, { certificate: certificatePem, certificatePassword }, options);
      return { ...hosts, tenantId, source: `service principal (certificate ${profile.fields.thumbprint?.slice(0, 8) ?? ''}…)`, credential };
    }
    case 'azure-cli':
      // The CLI's own login, in the CLI's own cloud (`az cloud set`); Skylift stores nothing.
      return { ...hosts, tenantId, source: 'Azure CLI login', credential: new AzureCliCredential({ ...(tenantId ? { tenantId } : {}), processTimeoutInMs: 20_000 }) };
    default:
      throw new SkyliftError({ code: 'PROFILE_INVALID', message: `"${profile.name}" is not an Azure profile.` });
  }
}

function requireTenant(profile: ProfileRecord): string {
  if (!profile.fields.tenantId) throw new SkyliftError({ code: 'PROFILE_INVALID', message: `"${profile.name}" has no tenant.`, hint: 'Edit the profile and enter its tenant id.' });
  return profile.fields.tenantId;
}

function isKnownAuthority(host: string): boolean {
  return Object.values(azureCloudHosts).some((cloud) => cloud.authorityHost === host);
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');
