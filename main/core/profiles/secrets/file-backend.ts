import fs from 'node:fs/promises';
import path from 'node:path';
import { ensureSecretsDir, readIfExists, secretsDirOf, writePrivateFileAtomically } from './private-file';
import { secretFieldsSchema } from './secret-fields';
import { openSecretMapFile } from './secret-map-file';
import type { SecretBackend } from './secret-vault';

const SECRETS_FILE = 'secrets.json';
const OPT_IN_MARKER = 'plaintext-file-opt-in';

export const plaintextSecretsPath = (dataDir: string): string => path.join(secretsDirOf(dataDir), SECRETS_FILE);

/** The opt-in fallback: secrets as plain JSON in a file only the user can read (0600, folder 0700). */
export function createFileBackend(dataDir: string): SecretBackend {
  const file = openSecretMapFile(dataDir, SECRETS_FILE, secretFieldsSchema);
  return {
    name: 'file',
    put: (profileId, secrets) => file.update((profiles) => void (profiles[profileId] = secrets)),
    get: async (profileId) => (await file.read())[profileId] ?? null,
    delete: (profileId) => file.update((profiles) => void delete profiles[profileId]),
  };
}

/**
 * The user's choice to use the file, kept beside it so the app and the CLI see the same answer.
 * Its content records when the risk was acknowledged; only its presence matters.
 */
export async function readFileOptIn(dataDir: string): Promise<boolean> {
  return (await readIfExists(path.join(secretsDirOf(dataDir), OPT_IN_MARKER))) !== undefined;
}

export async function writeFileOptIn(dataDir: string, enabled: boolean): Promise<void> {
  const marker = path.join(secretsDirOf(dataDir), OPT_IN_MARKER);
  if (!enabled) return fs.rm(marker, { force: true });
  await ensureSecretsDir(dataDir);
  await writePrivateFileAtomically(marker, `${JSON.stringify({ acknowledgedInsecureAt: new Date().toISOString() })}\n`);
}
