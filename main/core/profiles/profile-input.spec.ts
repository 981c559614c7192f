import { describe, expect, it } from 'vitest';
import { profileInputSchema, profileUpdateSchema } from '../../../shared/contract';
import { splitInput, splitUpdate } from './profile-input';
import type { ProfileRecord } from './profile-store';

const input = (raw: unknown) => profileInputSchema.parse(raw);
const update = (raw: unknown) => profileUpdateSchema.parse({ id: 'p1', profile: raw }).profile;
const awsKeys = { kind: 'aws-static', name: 'dev', region: 'eu-west-1', accessKeyId: 'AKIAEXAMPLEKEY000001', secretAccessKey: 'secret-value-000001' };
const stored: ProfileRecord = { id: 'p1', name: 'dev', provider: 'aws', kind: 'aws-static', fields: { region: 'eu-west-1' }, endpoints: {}, secretBackend: 'keychain', maskedKeyId: 'AKIA…0001', isDefault: true, lastTest: null, createdAt: '', updatedAt: '' };

describe('splitInput', () => {
  it('keeps the key pair out of the record and masks the key id', () => {
    const { record, secrets } = splitInput(input(awsKeys));
    expect(secrets).toEqual({ accessKeyId: 'AKIAEXAMPLEKEY000001', secretAccessKey: 'secret-value-000001' });
    expect(record).toMatchObject({ provider: 'aws', fields: { region: 'eu-west-1' }, maskedKeyId: 'AKIA…0001' });
    expect(JSON.stringify(record)).not.toContain('secret-value');
    expect(JSON.stringify(record)).not.toContain('AKIAEXAMPLEKEY000001');
  });

  it("fills a named Azure cloud's hosts, and refuses a custom cloud missing one, naming the field", () => {
    const az = { kind: 'azure-cli', name: 'cli' };
    expect(splitInput(input({ ...az, cloud: 'usgov' })).record.endpoints).toEqual({ authorityHost: 'https://login.microsoftonline.us', resourceManager: 'https://management.usgovcloudapi.net' });
    expect(() => splitInput(input({ ...az, cloud: 'custom', endpoints: { authorityHost: 'https://login.example' } }))).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT', details: { fields: [expect.stringMatching(/^resourceManager: /)] } }),
    );
  });
});

describe('splitUpdate', () => {
  it('keeps the stored secret when none is sent', () => {
    expect(splitUpdate(stored, update({ ...awsKeys, accessKeyId: undefined, secretAccessKey: undefined, name: 'dev2' }))).toMatchObject({ secrets: null, record: { name: 'dev2', maskedKeyId: 'AKIA…0001' } });
  });

  it('refuses half a key pair and a change of kind', () => {
    expect(() => splitUpdate(stored, update({ ...awsKeys, secretAccessKey: undefined }))).toThrow(/needs its secret/);
    expect(() => splitUpdate(stored, update({ ...awsKeys, accessKeyId: undefined }))).toThrow(/access key id that goes with/);
    expect(() => splitUpdate(stored, update({ kind: 'azure-cli', name: 'dev' }))).toThrow(/cannot become azure-cli/);
  });
});
