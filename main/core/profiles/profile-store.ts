import { randomUUID } from 'node:crypto';
import { SkyliftError, type Provider, type TestOutcome } from '../../../shared/contract';
import type { Db } from '../store/database';
import { fieldError } from './field-error';
import type { SecretBackendName } from './secrets/secret-vault';

export type StoredKind = 'aws-static' | 'aws-assume-role' | 'aws-shared-file' | 'azure-client-secret' | 'azure-client-certificate' | 'azure-cli';

/** A profile as SQLite holds it: every field but the secret, which lives in `secretBackend`. */
export interface ProfileRecord {
  id: string;
  name: string;
  provider: Provider;
  kind: StoredKind;
  fields: Record<string, string>;
  endpoints: Record<string, string>;
  secretBackend: SecretBackendName | null;
  maskedKeyId: string | null;
  isDefault: boolean;
  lastTest: TestOutcome | null;
  createdAt: string;
  updatedAt: string;
}

export type NewProfile = Omit<ProfileRecord, 'id' | 'isDefault' | 'lastTest' | 'createdAt' | 'updatedAt'>;

interface Row {
  id: string;
  name: string;
  provider: Provider;
  kind: StoredKind;
  fields: string;
  endpoints: string;
  secret_backend: SecretBackendName | null;
  masked_key_id: string | null;
  is_default: number;
  last_test: string | null;
  created_at: string;
  updated_at: string;
}

export class ProfileStore {
  constructor(private readonly db: Db) {}

  list(): ProfileRecord[] {
    return (this.db.prepare('SELECT * FROM profiles ORDER BY provider, name').all() as Row[]).map(fromRow);
  }

  get(id: string): ProfileRecord | undefined {
    const row = this.db.prepare('SELECT * FROM profiles WHERE id = ?').get(id) as Row | undefined;
    return row && fromRow(row);
  }

  /** By id, or by name (the CLI names profiles). */
  require(idOrName: string): ProfileRecord {
    const row = this.db.prepare('SELECT * FROM profiles WHERE id = ? OR name = ?').get(idOrName, idOrName) as Row | undefined;
    if (!row) throw new SkyliftError({ code: 'NOT_FOUND', message: `No profile "${idOrName}".`, hint: 'See the Profiles page or `skylift profiles list` for the names.' });
    return fromRow(row);
  }

  /** The first profile of a provider becomes its default, so there always is one when any exist. */
  insert(profile: NewProfile, id: string = randomUUID()): ProfileRecord {
    this.assertNameFree(profile.name);
    const now = new Date().toISOString();
    const isFirst = !this.db.prepare('SELECT 1 FROM profiles WHERE provider = ?').get(profile.provider);
    this.db
      .prepare('INSERT INTO profiles (id, name, provider, kind, fields, endpoints, secret_backend, masked_key_id, is_default, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, profile.name, profile.provider, profile.kind, JSON.stringify(profile.fields), JSON.stringify(profile.endpoints), profile.secretBackend, profile.maskedKeyId, isFirst ? 1 : 0, now, now);
    return this.get(id)!;
  }

  update(id: string, patch: Pick<NewProfile, 'name' | 'fields' | 'endpoints' | 'secretBackend' | 'maskedKeyId'>): ProfileRecord {
    this.assertNameFree(patch.name, id);
    this.db
      .prepare('UPDATE profiles SET name = ?, fields = ?, endpoints = ?, secret_backend = ?, masked_key_id = ?, last_test = NULL, updated_at = ? WHERE id = ?')
      .run(patch.name, JSON.stringify(patch.fields), JSON.stringify(patch.endpoints), patch.secretBackend, patch.maskedKeyId, new Date().toISOString(), id);
    return this.get(id)!;
  }

  recordTest(id: string, outcome: TestOutcome): void {
    this.db.prepare('UPDATE profiles SET last_test = ? WHERE id = ?').run(JSON.stringify(outcome), id);
  }

  setDefault(id: string): ProfileRecord {
    const profile = this.get(id)!;
    this.db.transaction(() => {
      this.db.prepare('UPDATE profiles SET is_default = 0 WHERE provider = ?').run(profile.provider);
      this.db.prepare('UPDATE profiles SET is_default = 1 WHERE id = ?').run(id);
    })();
    return this.get(id)!;
  }

  /** Removing the default hands it to the provider's oldest remaining profile. */
  delete(id: string): boolean {
    const profile = this.get(id);
    if (!profile) return false;
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM profiles WHERE id = ?').run(id);
      if (profile.isDefault) {
        this.db.prepare('UPDATE profiles SET is_default = 1 WHERE id = (SELECT id FROM profiles WHERE provider = ? ORDER BY created_at LIMIT 1)').run(profile.provider);
      }
    })();
    return true;
  }

  /** Profiles that use this one as their source (assume-role); they break if it goes. */
  dependents(id: string): ProfileRecord[] {
    return this.list().filter((p) => p.fields.sourceProfileId === id);
  }

  /** Checked before a secret is written, so a refused add leaves nothing behind. */
  assertNameFree(name: string, exceptId?: string): void {
    const row = this.db.prepare('SELECT id FROM profiles WHERE name = ?').get(name) as { id: string } | undefined;
    if (row && row.id !== exceptId) {
      throw fieldError('name', `A profile named "${name}" already exists.`, 'Choose another name, or edit the existing profile.');
    }
  }
}

function fromRow(row: Row): ProfileRecord {
  return {
    id: row.id,
    name: row.name,
    provider: row.provider,
    kind: row.kind,
    fields: JSON.parse(row.fields) as Record<string, string>,
    endpoints: JSON.parse(row.endpoints) as Record<string, string>,
    secretBackend: row.secret_backend,
    maskedKeyId: row.masked_key_id,
    isDefault: row.is_default === 1,
    lastTest: row.last_test ? (JSON.parse(row.last_test) as TestOutcome) : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
