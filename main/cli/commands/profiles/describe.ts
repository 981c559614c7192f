import type { ImportPreview, ProfileSummary, SecretStorage, TestOutcome } from '../../../../shared/contract';

/** Columns padded to their widest cell; the last one is left ragged. */
export function table(header: readonly string[], rows: readonly string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows].map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd()).join('\n');
}

export function describeProfiles(profiles: readonly ProfileSummary[]): string {
  if (profiles.length === 0) return 'No profiles yet: skylift profiles add KIND --name NAME ..., or skylift profiles import.';
  const rows = profiles.map((p) => [p.name, p.provider, p.kind, p.source, p.maskedKeyId ?? '-', p.region ?? p.fields.tenantId ?? '-', p.isDefault ? '*' : '', describeLastTest(p.lastTest)]);
  return table(['NAME', 'PROVIDER', 'KIND', 'SOURCE', 'KEY', 'REGION/TENANT', 'DEFAULT', 'LAST TEST'], rows);
}

function describeLastTest(outcome: TestOutcome | null): string {
  if (!outcome) return 'never';
  return outcome.ok ? `ok ${outcome.at}` : `failed ${outcome.code} ${outcome.at}`;
}

export const providerLabel = (provider: ProfileSummary['provider']): string => (provider === 'aws' ? 'AWS' : 'Azure');

export function describeAdded(p: ProfileSummary, storage: SecretStorage): string {
  const facts = [p.kind, p.maskedKeyId && `key ${p.maskedKeyId}`, p.region && `region ${p.region}`, p.fields.tenantId && `tenant ${p.fields.tenantId}`].filter(Boolean).join(', ');
  const where = p.hasSecret ? `\nSecret kept in: ${storage.backend}${storage.secure ? '' : ' (NOT secure)'}` : '';
  return `Added ${providerLabel(p.provider)} profile "${p.name}" (${facts})${p.isDefault ? `, the default ${providerLabel(p.provider)} profile` : ''}.${where}\nTest it: skylift profiles test ${p.name}`;
}

/** A passing test: who the cloud says the credentials are. */
export function describePassedTest(name: string, outcome: Extract<TestOutcome, { ok: true }>): string {
  const rows: Array<[string, string]> = [['Source', outcome.credentialSource]];
  if (outcome.aws) rows.push(['Account', outcome.aws.account], ['ARN', outcome.aws.arn], ['User id', outcome.aws.userId]);
  if (outcome.azure) rows.push(['Tenant', outcome.azure.tenantId], ['Subscriptions', String(outcome.azure.subscriptions.length)]);
  const subscriptions = outcome.azure?.subscriptions.map((s) => `    ${s.id}  ${s.name}  ${s.state}`) ?? [];
  const width = Math.max(...rows.map(([k]) => k.length));
  return [`"${name}" works.`, ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`), ...subscriptions].join('\n');
}

export function describeStorage(storage: SecretStorage): string {
  const { fileOptIn } = storage;
  const optIn = fileOptIn.enabled ? 'on' : fileOptIn.available ? 'off (skylift profiles storage --allow-insecure-file)' : 'not available (a keychain works)';
  return [`Secret storage: ${storage.backend} — ${storage.secure ? 'secure' : 'NOT secure'}`, storage.message, ...(storage.detail ? [`Details: ${storage.detail}`] : []), `Unencrypted file opt-in: ${optIn}`, `File: ${fileOptIn.path}`].join('\n');
}

export function describePreview(preview: ImportPreview): string {
  const file = (label: string, f: { path: string; exists: boolean }) => `${label}  ${f.path}${f.exists ? '' : ' (not found)'}`;
  const rows = preview.candidates.map((c) => [c.name, c.kind, c.region ?? '-', c.maskedKeyId ?? '-', c.alreadyImported ? 'already imported' : c.copyable ? 'new (linkable, copyable)' : 'new (linkable)', describeFields(c.fields)]);
  return [
    file('Config file:     ', preview.configFile),
    file('Credentials file:', preview.credentialsFile),
    rows.length > 0 ? table(['NAME', 'KIND', 'REGION', 'KEY', 'STATUS', 'DETAILS'], rows) : 'No profiles in these files.',
    ...preview.warnings.map((w) => `warning: ${w}`),
  ].join('\n');
}

function describeFields(fields: Record<string, string>): string {
  const text = Object.entries(fields).map(([k, v]) => `${k}=${v}`).join(' ');
  return text || '-';
}
