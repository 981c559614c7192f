import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSharedConfigFiles } from '@smithy/core/config';
import type { ImportPreview } from '../../../../shared/contract';
import { maskKeyId } from '../../redact';

export interface SharedFilePaths {
  configFile: string;
  credentialsFile: string;
}

type IniSection = Record<string, string | undefined>;
type Candidate = ImportPreview['candidates'][number];

/** The files the AWS CLI and SDKs read: AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, else ~/.aws. */
export function sharedFilePaths(env: NodeJS.ProcessEnv, chosen: Partial<SharedFilePaths> = {}): SharedFilePaths {
  const home = env.HOME ?? os.homedir();
  return {
    configFile: path.resolve(chosen.configFile ?? env.AWS_CONFIG_FILE ?? path.join(home, '.aws', 'config')),
    credentialsFile: path.resolve(chosen.credentialsFile ?? env.AWS_SHARED_CREDENTIALS_FILE ?? path.join(home, '.aws', 'credentials')),
  };
}

/** Every profile the two files define, merged as the SDK merges them (credentials file wins). */
export async function readSharedProfiles(paths: SharedFilePaths): Promise<Map<string, IniSection>> {
  const files = await loadSharedConfigFiles({ filepath: paths.credentialsFile, configFilepath: paths.configFile, ignoreCache: true });
  // [sso-session x] and [services x] sections come back as "sso-session.x" / "services.x": not profiles.
  const names = new Set([...Object.keys(files.configFile), ...Object.keys(files.credentialsFile)].filter((name) => !/^(sso-session|services)\./.test(name)));
  return new Map([...names].map((name) => [name, { ...files.configFile[name], ...files.credentialsFile[name] }]));
}

/** What an import would bring in, described without a single secret. */
export async function previewImport(paths: SharedFilePaths, conflictOf: (name: string) => Candidate['conflict']): Promise<ImportPreview> {
  const warnings: string[] = [];
  for (const file of [paths.configFile, paths.credentialsFile]) {
    if (fs.existsSync(file) && !isReadable(file)) warnings.push(`${file} exists but cannot be read by Skylift; check its permissions.`);
    else warnings.push(...malformedLines(file));
  }
  const profiles = await readSharedProfiles(paths);
  const candidates = [...profiles].map(([name, section]) => describeProfile(name, section, conflictOf(name)));
  for (const c of candidates) if (c.kind === 'other') warnings.push(`Profile "${c.name}" has no credentials Skylift recognises; it can be imported, but testing it will say what is missing.`);
  return {
    configFile: { path: paths.configFile, exists: fs.existsSync(paths.configFile) },
    credentialsFile: { path: paths.credentialsFile, exists: fs.existsSync(paths.credentialsFile) },
    candidates,
    warnings,
  };
}

export function describeProfile(name: string, section: IniSection, conflict: Candidate['conflict'] = null): Candidate {
  const kind = profileKind(section);
  const pick = (keys: string[]) => Object.fromEntries(keys.filter((k) => section[k] !== undefined).map((k) => [k, String(section[k])]));
  return {
    name,
    kind,
    region: section.region ?? null,
    maskedKeyId: section.aws_access_key_id ? maskKeyId(section.aws_access_key_id) : null,
    fields: pick(['role_arn', 'source_profile', 'credential_source', 'external_id', 'role_session_name', 'sso_session', 'sso_start_url', 'sso_account_id', 'sso_role_name', 'sso_region', 'web_identity_token_file', 'credential_process']),
    copyable: kind === 'static',
    alreadyImported: conflict !== null,
    conflict,
  };
}

/** Which credential source the SDK will use for a profile, in the order fromIni tries them. */
export function profileKind(section: IniSection): Candidate['kind'] {
  if (section.role_arn && section.web_identity_token_file) return 'web-identity';
  if (section.role_arn) return 'assume-role';
  if (section.sso_session || section.sso_start_url || section.sso_account_id) return 'sso';
  if (section.aws_access_key_id && section.aws_secret_access_key) return 'static';
  if (section.credential_process) return 'process';
  return 'other';
}

export const sourceLabel: Record<Candidate['kind'], string> = {
  static: 'static keys in the shared credentials file',
  'assume-role': 'assumed role (shared config file)',
  sso: 'IAM Identity Center (SSO) login',
  process: 'credential_process (shared config file)',
  'web-identity': 'web identity token (shared config file)',
  other: 'shared config file',
};

/** The SDK skips lines it cannot parse without a word; say which, since a profile may hide behind one. */
function malformedLines(file: string): string[] {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split(/\r?\n/).flatMap((line, i) => {
    const text = line.trim();
    const fine = text === '' || /^[#;]/.test(text) || /^\[[^\]]+\]$/.test(text) || /^[^=\[]+=/.test(text) || /^\s/.test(line);
    // Line numbers only: the line itself may hold a key.
    return fine ? [] : [`${file}, line ${i + 1}: not a [section] or key = value line; the SDK ignores it.`];
  });
}

function isReadable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.R_OK);
    return true;
  } catch {
    return false;
  }
}
