import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { SkyliftError, type ImportPreview, type ProfileSummary, type TestOutcome, type importRequestSchema, type profileInputSchema, type profileUpdateSchema, type sharedFilesSchema } from '../../../shared/contract';
import type { Redactor } from '../redact';
import { previewImport, readSharedProfiles, sharedFilePaths } from './aws/shared-files';
import { resolveAws, type AwsIdentitySource } from './aws/aws-credentials';
import type { AwsEndpoints } from '../../../shared/contract/profiles';
import { testConnection } from './connection-test';
import { fieldError } from './field-error';
import { splitInput, splitUpdate } from './profile-input';
import type { ProfileRecord, ProfileStore } from './profile-store';
import { readOncePerPair, toSummary } from './profile-summary';
import type { SecretFields, SecretVault } from './secrets/secret-vault';

export interface ProfileServiceDeps {
  store: ProfileStore;
  vault: SecretVault;
  redactor: Redactor;
  env: NodeJS.ProcessEnv;
}

/** Credential profiles: non-secret fields in SQLite, secrets in the vault, tests against the clouds. */
export class ProfileService {
  constructor(private readonly deps: ProfileServiceDeps) {}

  async list(): Promise<ProfileSummary[]> {
    const readFiles = readOncePerPair();
    return Promise.all(this.deps.store.list().map((p) => toSummary(p, readFiles)));
  }

  async get(idOrName: string): Promise<ProfileSummary> {
    return toSummary(this.deps.store.require(idOrName));
  }

  async add(input: z.output<typeof profileInputSchema>): Promise<ProfileSummary> {
    const { store, vault } = this.deps;
    const { record, secrets } = splitInput(input);
    store.assertNameFree(record.name);
    if (input.kind === 'aws-assume-role') this.requireAwsSource(input.sourceProfileId);
    const id = randomUUID();
    const secretBackend = secrets ? await this.putSecrets(id, secrets) : null;
    try {
      return toSummary(store.insert({ ...record, secretBackend }, id));
    } catch (error) {
      if (secretBackend) await vault.delete(id, secretBackend);
      throw error;
    }
  }

  async update({ id, profile }: z.output<typeof profileUpdateSchema>): Promise<ProfileSummary> {
    const { store, vault } = this.deps;
    const existing = store.require(id);
    const { record, secrets } = splitUpdate(existing, profile);
    store.assertNameFree(record.name, existing.id);
    if (profile.kind === 'aws-assume-role') this.requireAwsSource(profile.sourceProfileId, existing.id);
    let secretBackend = existing.secretBackend;
    if (secrets) {
      secretBackend = await this.putSecrets(existing.id, secrets);
      // A secret now kept elsewhere (the keychain appeared, or the file opt-in was dropped) leaves no copy behind.
      if (existing.secretBackend && existing.secretBackend !== secretBackend) await vault.delete(existing.id, existing.secretBackend);
    }
    return toSummary(store.update(existing.id, { ...record, secretBackend }));
  }

  async remove(idOrName: string): Promise<boolean> {
    const { store, vault } = this.deps;
    const profile = store.require(idOrName);
    const dependents = store.dependents(profile.id);
    if (dependents.length > 0) {
      throw new SkyliftError({ code: 'PROFILE_IN_USE', message: `"${profile.name}" is the source profile of ${dependents.map((d) => `"${d.name}"`).join(', ')}.`, hint: 'Remove those profiles, or point them at another source profile, first.' });
    }
    if (profile.secretBackend) await vault.delete(profile.id, profile.secretBackend);
    return store.delete(profile.id);
  }

  async setDefault(idOrName: string): Promise<ProfileSummary> {
    return toSummary(this.deps.store.setDefault(this.deps.store.require(idOrName).id));
  }

  /** Tests a profile against its cloud; the outcome is kept as the profile's last test. */
  async test(idOrName: string): Promise<TestOutcome> {
    const profile = this.deps.store.require(idOrName);
    const outcome = await testConnection(profile, { redactor: this.deps.redactor, secretsOf: (p) => this.secretsOf(p), profileById: (id) => this.deps.store.get(id) });
    this.deps.store.recordTest(profile.id, outcome);
    return outcome;
  }

  /**
   * An AWS profile ready to sign with, for publishing: the SDK's credential provider, the region,
   * and the profile's endpoint overrides (the doubles, VPC or FIPS endpoints). Secrets are read
   * from the vault and remembered for redaction; they never leave core.
   */
  async awsIdentity(idOrName: string): Promise<{ profile: { id: string; name: string }; identity: AwsIdentitySource; endpoints: AwsEndpoints }> {
    const profile = this.deps.store.require(idOrName);
    if (profile.provider !== 'aws') {
      throw new SkyliftError({ code: 'PROFILE_INVALID', message: `"${profile.name}" is an ${profile.provider} profile; this deployment publishes to AWS.`, hint: 'Name an AWS profile in the deployment (skylift profiles list).' });
    }
    const identity = await resolveAws(profile, { secretsOf: (p) => this.secretsOf(p), profileById: (id) => this.deps.store.get(id) });
    return { profile: { id: profile.id, name: profile.name }, identity, endpoints: profile.endpoints as AwsEndpoints };
  }

  async importPreview(files: z.output<typeof sharedFilesSchema>): Promise<ImportPreview> {
    const paths = sharedFilePaths(this.deps.env, files);
    const profiles = this.deps.store.list();
    const linked = new Set(profiles.filter((p) => p.kind === 'aws-shared-file' && p.fields.configFile === paths.configFile).map((p) => p.fields.fileProfile));
    const names = new Set(profiles.map((p) => p.name));
    return previewImport(paths, (name) => (linked.has(name) ? 'linked' : names.has(name) ? 'name-taken' : null));
  }

  /** Linked profiles read the file at each use; copied ones move static keys into the vault. */
  async import(request: z.output<typeof importRequestSchema>): Promise<ProfileSummary[]> {
    const paths = sharedFilePaths(this.deps.env, request);
    const sections = await readSharedProfiles(paths);
    const missing = request.names.filter((n) => !sections.has(n));
    if (missing.length > 0) throw new SkyliftError({ code: 'NOT_FOUND', message: `Not in the shared files: ${missing.join(', ')}.`, hint: `They list: ${[...sections.keys()].join(', ') || 'no profiles'}.` });
    for (const name of request.names) this.deps.store.assertNameFree(name);
    const imported: ProfileSummary[] = [];
    for (const name of request.names) {
      const section = sections.get(name)!;
      const region = section.region ?? 'us-east-1';
      if (request.mode === 'copy' && section.aws_access_key_id && section.aws_secret_access_key) {
        imported.push(await this.add({ kind: 'aws-static', name, region, endpoints: {}, accessKeyId: section.aws_access_key_id, secretAccessKey: section.aws_secret_access_key, sessionToken: section.aws_session_token }));
      } else {
        const record = this.deps.store.insert({ name, provider: 'aws', kind: 'aws-shared-file', fields: { fileProfile: name, configFile: paths.configFile, credentialsFile: paths.credentialsFile }, endpoints: {}, secretBackend: null, maskedKeyId: null });
        imported.push(await toSummary(record));
      }
    }
    return imported;
  }

  storage() {
    return this.deps.vault.storage();
  }

  setFileOptIn(enabled: boolean, acknowledgeInsecure?: boolean) {
    return this.deps.vault.setFileOptIn(enabled, acknowledgeInsecure);
  }

  private async putSecrets(id: string, secrets: SecretFields) {
    this.deps.redactor.remember(...Object.values(secrets));
    return this.deps.vault.put(id, secrets);
  }

  /** Reads a profile's secrets and remembers them, so they are scrubbed wherever they surface. */
  private async secretsOf(profile: ProfileRecord): Promise<SecretFields> {
    const secrets = profile.secretBackend ? await this.deps.vault.get(profile.id, profile.secretBackend) : null;
    if (!secrets) {
      throw new SkyliftError({ code: 'NO_SECRET', message: `The secret of "${profile.name}" is no longer in the keychain.`, hint: 'Edit the profile and use "Replace secret" to enter it again.' });
    }
    this.deps.redactor.remember(...Object.values(secrets));
    return secrets;
  }

  private requireAwsSource(sourceId: string, selfId?: string): void {
    const source = this.deps.store.get(sourceId);
    if (!source || source.provider !== 'aws' || source.id === selfId) {
      throw fieldError('sourceProfileId', 'The source profile must be another AWS profile.', 'Choose a profile holding keys (or an imported one) to assume the role with.');
    }
  }
}
