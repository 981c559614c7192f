import crypto from 'node:crypto';
import { z } from 'zod';
import { SkyliftError, azureCloudHosts, profileInputSchema, profileUpdateSchema } from '../../../shared/contract';
import { maskKeyId } from '../redact';
import { fieldError } from './field-error';
import type { NewProfile, ProfileRecord } from './profile-store';
import type { SecretFields } from './secrets/secret-vault';

type Input = z.output<typeof profileInputSchema>;
type UpdateInput = z.output<typeof profileUpdateSchema>['profile'];

/** A form's fields, split into what SQLite may hold and what only the vault may hold. */
export interface SplitProfile {
  record: Omit<NewProfile, 'secretBackend'>;
  /** null when the profile has no secret of its own (assume-role, Azure CLI, linked file). */
  secrets: SecretFields | null;
}

const defined = (entries: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(entries).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));

export function splitInput(input: Input): SplitProfile {
  switch (input.kind) {
    case 'aws-static':
      return {
        record: { name: input.name, provider: 'aws', kind: input.kind, fields: { region: input.region }, endpoints: defined(input.endpoints), maskedKeyId: maskKeyId(input.accessKeyId) },
        secrets: defined({ accessKeyId: input.accessKeyId, secretAccessKey: input.secretAccessKey, sessionToken: input.sessionToken }),
      };
    case 'aws-assume-role':
      return {
        record: { name: input.name, provider: 'aws', kind: input.kind, fields: defined({ region: input.region, roleArn: input.roleArn, externalId: input.externalId, sessionName: input.sessionName, sourceProfileId: input.sourceProfileId }), endpoints: defined(input.endpoints), maskedKeyId: null },
        secrets: null,
      };
    case 'azure-client-secret':
      return { record: azureRecord(input, { clientId: input.clientId }, null), secrets: { clientSecret: input.clientSecret } };
    case 'azure-client-certificate':
      return {
        record: azureRecord(input, { clientId: input.clientId, thumbprint: thumbprint(input.certificatePem) }, null),
        secrets: defined({ certificatePem: input.certificatePem, certificatePassword: input.certificatePassword }),
      };
    case 'azure-cli':
      return { record: azureRecord(input, {}, null), secrets: null };
  }
}

/**
 * An edit: the new fields over the old record; secrets only when the form replaced them. A new
 * access key id or client certificate without its secret is refused — half a key pair is no key.
 */
export function splitUpdate(existing: ProfileRecord, update: UpdateInput): { record: SplitProfile['record']; secrets: SecretFields | null } {
  if (update.kind !== existing.kind) {
    throw new SkyliftError({ code: 'BAD_INPUT', message: `"${existing.name}" is a ${existing.kind} profile; it cannot become ${update.kind}.`, hint: 'Add a new profile of the other kind instead.' });
  }
  switch (update.kind) {
    case 'aws-static': {
      if (update.secretAccessKey === undefined) {
        if (update.accessKeyId !== undefined) throw fieldError('secretAccessKey', 'A new access key id needs its secret access key.', 'Fill in "Replace secret" as well.');
        return { record: { ...existingRecord(existing), name: update.name, fields: { region: update.region }, endpoints: defined(update.endpoints) }, secrets: null };
      }
      if (update.accessKeyId === undefined) throw fieldError('accessKeyId', 'Enter the access key id that goes with the new secret.', 'A key pair is replaced whole.');
      return splitInput({ ...update, accessKeyId: update.accessKeyId, secretAccessKey: update.secretAccessKey });
    }
    case 'azure-client-secret': {
      if (update.clientSecret === undefined) return { record: azureRecord(update, { clientId: update.clientId }, null), secrets: null };
      return splitInput({ ...update, clientSecret: update.clientSecret });
    }
    case 'azure-client-certificate': {
      if (update.certificatePem === undefined) return { record: azureRecord(update, { clientId: update.clientId, thumbprint: existing.fields.thumbprint }, null), secrets: null };
      return splitInput({ ...update, certificatePem: update.certificatePem });
    }
    case 'aws-shared-file':
      return { record: { ...existingRecord(existing), name: update.name, fields: { ...existing.fields, ...defined({ region: update.region }) }, endpoints: defined(update.endpoints) }, secrets: null };
    default:
      return splitInput(update);
  }
}

function existingRecord(p: ProfileRecord): SplitProfile['record'] {
  return { name: p.name, provider: p.provider, kind: p.kind, fields: p.fields, endpoints: p.endpoints, maskedKeyId: p.maskedKeyId };
}

interface AzureCommon {
  kind: 'azure-client-secret' | 'azure-client-certificate' | 'azure-cli';
  name: string;
  tenantId?: string;
  subscriptionId?: string;
  cloud: 'public' | 'usgov' | 'china' | 'custom';
  endpoints: { authorityHost?: string; resourceManager?: string };
}

function azureRecord(input: AzureCommon, extra: Record<string, string | undefined>, maskedKeyId: string | null): SplitProfile['record'] {
  const endpoints = input.cloud === 'custom' ? defined(input.endpoints) : { ...azureCloudHosts[input.cloud] };
  if (input.cloud === 'custom' && (!endpoints.authorityHost || !endpoints.resourceManager)) {
    const missing = endpoints.authorityHost ? 'resourceManager' : 'authorityHost';
    throw fieldError(missing, 'A custom Azure cloud needs both its authority host and its Resource Manager endpoint.', 'Fill in both, or choose one of the named clouds.');
  }
  return {
    name: input.name,
    provider: 'azure',
    kind: input.kind,
    fields: defined({ tenantId: input.tenantId, subscriptionId: input.subscriptionId, cloud: input.cloud, ...extra }),
    endpoints,
    maskedKeyId,
  };
}

/** The certificate's SHA-1 thumbprint: what the Azure portal lists, and not a secret. */
function thumbprint(pem: string): string {
  try {
    const certificate = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0] ?? '';
    return new crypto.X509Certificate(certificate).fingerprint.replaceAll(':', '');
  } catch {
    throw fieldError('certificatePem', 'The certificate could not be read.', 'Paste a PEM file holding the certificate (-----BEGIN CERTIFICATE-----) and its private key.');
  }
}
