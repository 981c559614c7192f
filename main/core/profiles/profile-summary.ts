import type { ProfileSummary } from '../../../shared/contract';
import { maskKeyId } from '../redact';
import { readSharedProfiles } from './aws/shared-files';
import type { ProfileRecord } from './profile-store';

const SOURCES: Record<ProfileRecord['kind'], ProfileSummary['source']> = {
  'aws-static': 'stored',
  'aws-assume-role': 'stored',
  'azure-client-secret': 'stored',
  'azure-client-certificate': 'stored',
  'aws-shared-file': 'file',
  'azure-cli': 'azure-cli',
};

/** What crosses the contract: never a secret. A linked profile shows what its file says now. */
export async function toSummary(record: ProfileRecord, readFiles: typeof readSharedProfiles = readSharedProfiles): Promise<ProfileSummary> {
  const base: ProfileSummary = {
    id: record.id,
    name: record.name,
    provider: record.provider,
    kind: record.kind,
    source: SOURCES[record.kind],
    isDefault: record.isDefault,
    maskedKeyId: record.maskedKeyId,
    hasSecret: record.secretBackend !== null,
    region: record.fields.region ?? null,
    fields: record.fields,
    endpoints: record.endpoints,
    lastTest: record.lastTest,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
  if (record.kind !== 'aws-shared-file') return base;
  const section = await readFiles({ configFile: record.fields.configFile, credentialsFile: record.fields.credentialsFile })
    .then((all) => all.get(record.fields.fileProfile))
    .catch(() => undefined);
  return {
    ...base,
    maskedKeyId: section?.aws_access_key_id ? maskKeyId(section.aws_access_key_id) : null,
    region: record.fields.region ?? section?.region ?? null,
    fields: { ...record.fields, ...(section ? {} : { problem: 'no longer in the file' }) },
  };
}

/** Reads each pair of shared files once, however many linked profiles point at it (one list). */
export function readOncePerPair(): typeof readSharedProfiles {
  const read = new Map<string, ReturnType<typeof readSharedProfiles>>();
  return (paths) => {
    const key = `${paths.configFile}\0${paths.credentialsFile}`;
    if (!read.has(key)) read.set(key, readSharedProfiles(paths));
    return read.get(key)!;
  };
}
