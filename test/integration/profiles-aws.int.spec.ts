import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { startStsDouble, type StsDouble } from '../doubles/aws-sts';
import { callOrThrow, testCore } from '../helpers/core';
import { useTempDir } from '../helpers/temp';

// Generated values in AWS's documented example format; not real credentials.
const alice = { accessKeyId: 'AKIAEXAMPLEALICE0001', secretAccessKey: 'aliceSecretKey/EXAMPLE+0001abcdefghijklmno', account: '111122223333', arn: 'arn:aws:iam::111122223333:user/alice', userId: 'AIDAEXAMPLEALICE0001' };
const bob = { accessKeyId: 'AKIAEXAMPLEBOB000001', secretAccessKey: 'bobSecretKey/EXAMPLE+0002abcdefghijklmnopq', account: '111122223333', arn: 'arn:aws:iam::111122223333:user/bob', userId: 'AIDAEXAMPLEBOB000001' };
const temp = { accessKeyId: 'ASIAEXAMPLETEMP00001', secretAccessKey: 'tempSecretKey/EXAMPLE+0003abcdefghijklmn', sessionToken: 'tempSessionToken/EXAMPLE+0003', account: '111122223333', arn: 'arn:aws:sts::111122223333:assumed-role/ml/s', userId: 'AROAEXAMPLE:s' };
const role = { arn: 'arn:aws:iam::444455556666:role/deployer', trusted: [alice.arn], externalId: 'skylift-ext-1' };

describe('AWS profiles against the STS double', () => {
  const tempDir = useTempDir();
  let sts: StsDouble;
  let core: Core;
  let home: string;

  beforeEach(async () => {
    sts = await startStsDouble([alice, bob, temp], { roles: [role] });
    home = tempDir();
    // No keychain in this process: secrets go to the opt-in file (the keychain is tested on its own).
    core = testCore(home, { ...process.env, HOME: home, AWS_CONFIG_FILE: path.join(home, 'aws-config'), AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'aws-credentials') });
    if (!(await core.handlers.profiles.storage({})).secure) await core.handlers.profiles.setFileOptIn({ enabled: true, acknowledgeInsecure: true });
  });
  afterEach(async () => {
    await core.close();
    await sts.close();
  });

  const call = <T>(channel: string, input: unknown) => callOrThrow<T>(core, channel, input);
  const addStatic = (name: string, keys: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, endpoint = sts.url) =>
    call<{ id: string; maskedKeyId: string }>('profiles:add', { kind: 'aws-static', name, region: 'eu-west-1', endpoints: { sts: endpoint }, accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey, sessionToken: keys.sessionToken });
  const test = (id: string) => call<{ ok: boolean; code?: string; message?: string; hint?: string; credentialSource?: string; aws?: { account: string; arn: string } }>('profiles:test', { id });

  it('tests static keys with GetCallerIdentity and keeps the outcome on the profile', async () => {
    const profile = await addStatic('alice', alice);
    expect(profile.maskedKeyId).toBe('AKIA…0001');
    const outcome = await test(profile.id);
    expect(outcome).toMatchObject({ ok: true, credentialSource: 'static keys', aws: { account: alice.account, arn: alice.arn } });
    expect(sts.requests.at(-1)).toEqual({ action: 'GetCallerIdentity', accessKeyId: alice.accessKeyId, status: 200 });
    const [listed] = await call<Array<{ lastTest: { ok: boolean } }>>('profiles:list', {});
    expect(listed.lastTest).toMatchObject({ ok: true });
  });

  it('maps a wrong secret and an unknown key to INVALID_KEY', async () => {
    const wrong = await addStatic('wrong-secret', { accessKeyId: alice.accessKeyId, secretAccessKey: 'not-the-right-secret-value-000' });
    expect(await test(wrong.id)).toMatchObject({ ok: false, code: 'INVALID_KEY' });
    const unknown = await addStatic('unknown', { accessKeyId: 'AKIAEXAMPLEUNKNOWN01', secretAccessKey: 'whatever-secret-value-0000' });
    const outcome = await test(unknown.id);
    expect(outcome).toMatchObject({ ok: false, code: 'INVALID_KEY' });
    expect(outcome.hint).toMatch(/Replace secret/);
  });

  it('maps temporary keys whose session is gone to EXPIRED_SESSION', async () => {
    const stale = await addStatic('stale', { ...temp, sessionToken: 'an-old-session-token-value' });
    expect(await test(stale.id)).toMatchObject({ ok: false, code: 'EXPIRED_SESSION' });
    const fresh = await addStatic('fresh', temp);
    expect(await test(fresh.id)).toMatchObject({ ok: true, credentialSource: 'temporary keys (with session token)' });
  });

  it('maps a clock more than 15 minutes off to CLOCK_SKEW', async () => {
    const skewed = await startStsDouble([alice], { now: () => Date.now() + 60 * 60_000 });
    try {
      const profile = await addStatic('skewed', alice, skewed.url);
      const outcome = await test(profile.id);
      expect(outcome).toMatchObject({ ok: false, code: 'CLOCK_SKEW' });
      expect(outcome.hint).toMatch(/clock/);
    } finally {
      await skewed.close();
    }
  });

  it('maps an endpoint nobody answers on to ENDPOINT_UNREACHABLE, naming it', async () => {
    const closed = await startStsDouble([]);
    await closed.close();
    const profile = await addStatic('nowhere', alice, closed.url);
    const outcome = await test(profile.id);
    expect(outcome).toMatchObject({ ok: false, code: 'ENDPOINT_UNREACHABLE' });
    expect(outcome.message).toContain(closed.url);
  });

  it('assumes a role through a source profile, and maps a refused AssumeRole to PERMISSION_DENIED', async () => {
    const source = await addStatic('alice', alice);
    const assumed = await call<{ id: string }>('profiles:add', { kind: 'aws-assume-role', name: 'deployer', region: 'eu-west-1', roleArn: role.arn, externalId: role.externalId, sessionName: 'skylift-test', sourceProfileId: source.id, endpoints: { sts: sts.url } });
    const outcome = await test(assumed.id);
    expect(outcome).toMatchObject({ ok: true, aws: { account: '444455556666', arn: 'arn:aws:sts::444455556666:assumed-role/deployer/skylift-test' } });
    expect(outcome.credentialSource).toContain('via "alice"');

    const untrusted = await addStatic('bob', bob);
    const refused = await call<{ id: string }>('profiles:add', { kind: 'aws-assume-role', name: 'bob-deployer', region: 'eu-west-1', roleArn: role.arn, externalId: role.externalId, sourceProfileId: untrusted.id, endpoints: { sts: sts.url } });
    expect(await test(refused.id)).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' });
    // The source cannot go while a role profile leans on it.
    const removal = await core.dispatch('profiles:remove', { id: source.id });
    expect(removal).toMatchObject({ ok: false, error: { code: 'PROFILE_IN_USE' } });
  });

  it('imports from the shared files: previews without secrets, links (edits are seen) or copies in', async () => {
    fs.writeFileSync(path.join(home, 'aws-credentials'), `[dev]\naws_access_key_id = ${alice.accessKeyId}\naws_secret_access_key = ${alice.secretAccessKey}\n`);
    fs.writeFileSync(path.join(home, 'aws-config'), '[profile dev]\nregion = eu-central-1\n\n[profile sso-dev]\nsso_start_url = https://example.awsapps.com/start\nsso_region = eu-west-1\nsso_account_id = 111122223333\nsso_role_name = Deployer\nregion = eu-west-1\n\n[profile ops]\nrole_arn = arn:aws:iam::444455556666:role/deployer\nsource_profile = dev\n');
    const preview = await call<{ candidates: Array<{ name: string; kind: string; maskedKeyId: string | null; copyable: boolean }> }>('profiles:importPreview', {});
    expect(preview.candidates.map((c) => [c.name, c.kind, c.copyable])).toEqual(expect.arrayContaining([['dev', 'static', true], ['sso-dev', 'sso', false], ['ops', 'assume-role', false]]));
    expect(JSON.stringify(preview)).not.toContain(alice.secretAccessKey);

    const [linked] = await call<Array<{ id: string; source: string; maskedKeyId: string; region: string }>>('profiles:import', { names: ['dev'], mode: 'link' });
    expect(linked).toMatchObject({ source: 'file', maskedKeyId: 'AKIA…0001', region: 'eu-central-1' });
    const conflicts = async () => Object.fromEntries((await call<{ candidates: Array<{ name: string; conflict: string | null }> }>('profiles:importPreview', {})).candidates.map((c) => [c.name, c.conflict]));
    expect(await conflicts()).toEqual({ dev: 'linked', 'sso-dev': null, ops: null });
    await call('profiles:update', { id: linked.id, profile: { kind: 'aws-shared-file', name: 'dev', endpoints: { sts: sts.url } } });
    expect(await test(linked.id)).toMatchObject({ ok: true, aws: { arn: alice.arn } });
    // Linked: a key rotated in the file is what the next test uses.
    fs.writeFileSync(path.join(home, 'aws-credentials'), `[dev]\naws_access_key_id = ${bob.accessKeyId}\naws_secret_access_key = ${bob.secretAccessKey}\n`);
    expect(await test(linked.id)).toMatchObject({ ok: true, aws: { arn: bob.arn } });

    const [sso] = await call<Array<{ id: string }>>('profiles:import', { names: ['sso-dev'], mode: 'link' });
    const ssoOutcome = await test(sso.id);
    expect(ssoOutcome, JSON.stringify(ssoOutcome)).toMatchObject({ ok: false, code: 'EXPIRED_SESSION' });
    expect(ssoOutcome.hint).toMatch(/aws sso login/);

    await call('profiles:remove', { id: linked.id });
    const [copied] = await call<Array<{ source: string; kind: string; hasSecret: boolean }>>('profiles:import', { names: ['dev'], mode: 'copy' });
    expect(copied).toMatchObject({ source: 'stored', kind: 'aws-static', hasSecret: true });
    expect((await conflicts()).dev).toBe('name-taken');
  });

  it('refuses a half key pair on edit, keeps the stored secret when none is sent, and never puts a secret in SQLite', async () => {
    const profile = await addStatic('alice', alice);
    const half = await core.dispatch('profiles:update', { id: profile.id, profile: { kind: 'aws-static', name: 'alice', region: 'eu-west-1', accessKeyId: bob.accessKeyId } });
    expect(half).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    await call('profiles:update', { id: profile.id, profile: { kind: 'aws-static', name: 'alice-renamed', region: 'eu-west-1', endpoints: { sts: sts.url } } });
    expect(await test(profile.id)).toMatchObject({ ok: true, aws: { arn: alice.arn } });
    await call('profiles:update', { id: profile.id, profile: { kind: 'aws-static', name: 'alice-renamed', region: 'eu-west-1', endpoints: { sts: sts.url }, accessKeyId: bob.accessKeyId, secretAccessKey: bob.secretAccessKey } });
    expect(await test(profile.id)).toMatchObject({ ok: true, aws: { arn: bob.arn } });
    for (const file of fs.readdirSync(home).filter((f) => f.startsWith('skylift.db'))) {
      const bytes = fs.readFileSync(path.join(home, file)).toString('latin1');
      for (const secret of [alice.secretAccessKey, bob.secretAccessKey, alice.accessKeyId, bob.accessKeyId]) expect(bytes).not.toContain(secret);
    }
  });
});
