import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import { request } from '../helpers/http';
import { startStsDouble, type StsDouble } from './aws-sts';

// Generated test values in AWS's documented example format; not real credentials.
const alice = { accessKeyId: 'AKIAEXAMPLEALICE0001', account: '111122223333', arn: 'arn:aws:iam::111122223333:user/alice', userId: 'AIDAEXAMPLEALICE0001' };
const temp = { accessKeyId: 'ASIAEXAMPLETEMP00001', account: '111122223333', arn: 'arn:aws:sts::111122223333:assumed-role/ml/session', userId: 'AROAEXAMPLE:session', sessionToken: 'token-value-1' };

describe('STS double, through the real @aws-sdk/client-sts', () => {
  let sts: StsDouble | undefined;
  afterEach(async () => sts?.close());

  const client = (url: string, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, systemClockOffset = 0) =>
    new STSClient({ region: 'us-east-1', endpoint: url, credentials, systemClockOffset, maxAttempts: 1 });

  it('answers GetCallerIdentity for a known key with the published response shape', async () => {
    sts = await startStsDouble([alice]);
    const out = await client(sts.url, { accessKeyId: alice.accessKeyId, secretAccessKey: 'secret' }).send(new GetCallerIdentityCommand({}));
    expect(out).toMatchObject({ Account: alice.account, Arn: alice.arn, UserId: alice.userId });
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sts.requests).toEqual([{ action: 'GetCallerIdentity', accessKeyId: alice.accessKeyId, status: 200 }]);
  });

  it('refuses an unknown key, a missing session token, and a skewed clock, as STS does', async () => {
    sts = await startStsDouble([alice, temp]);
    await expect(client(sts.url, { accessKeyId: 'AKIAEXAMPLEUNKNOWN01', secretAccessKey: 's' }).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
    await expect(client(sts.url, { accessKeyId: temp.accessKeyId, secretAccessKey: 's' }).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'ExpiredToken' });
    const withToken = await client(sts.url, { accessKeyId: temp.accessKeyId, secretAccessKey: 's', sessionToken: temp.sessionToken }).send(new GetCallerIdentityCommand({}));
    expect(withToken.Arn).toBe(temp.arn);
    await expect(client(sts.url, { accessKeyId: alice.accessKeyId, secretAccessKey: 's' }, -60 * 60_000).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
  });

  it('recomputes the signature with the secret, so a wrong secret is refused as STS refuses it', async () => {
    sts = await startStsDouble([{ ...alice, secretAccessKey: 'right-secret-value' }]);
    const ok = await client(sts.url, { accessKeyId: alice.accessKeyId, secretAccessKey: 'right-secret-value' }).send(new GetCallerIdentityCommand({}));
    expect(ok.Arn).toBe(alice.arn);
    await expect(client(sts.url, { accessKeyId: alice.accessKeyId, secretAccessKey: 'wrong-secret-value' }).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
  });

  it('hands trusted callers temporary credentials for a role, and refuses everyone else', async () => {
    const role = { arn: 'arn:aws:iam::444455556666:role/deployer', trusted: [alice.arn], externalId: 'ext-1234' };
    const bob = { accessKeyId: 'AKIAEXAMPLEBOB000001', account: '111122223333', arn: 'arn:aws:iam::111122223333:user/bob', userId: 'AIDAEXAMPLEBOB000001' };
    sts = await startStsDouble([alice, bob], { roles: [role] });
    const assumed = await client(sts.url, { accessKeyId: alice.accessKeyId, secretAccessKey: 's' }).send(new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: 'skylift-test', ExternalId: 'ext-1234' }));
    const creds = assumed.Credentials!;
    expect(creds.AccessKeyId).toMatch(/^ASIA/);
    expect(creds.Expiration).toBeInstanceOf(Date);
    expect(assumed.AssumedRoleUser?.Arn).toBe('arn:aws:sts::444455556666:assumed-role/deployer/skylift-test');
    const asRole = await client(sts.url, { accessKeyId: creds.AccessKeyId!, secretAccessKey: creds.SecretAccessKey!, sessionToken: creds.SessionToken }).send(new GetCallerIdentityCommand({}));
    expect(asRole.Account).toBe('444455556666');
    await expect(client(sts.url, { accessKeyId: bob.accessKeyId, secretAccessKey: 's' }).send(new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: 'x1', ExternalId: 'ext-1234' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(client(sts.url, { accessKeyId: alice.accessKeyId, secretAccessKey: 's' }).send(new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: 'x1' }))).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('refuses an unsigned request, so a client that forgot to sign fails the test', async () => {
    sts = await startStsDouble([alice]);
    const unsigned = await request(sts.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=GetCallerIdentity&Version=2011-06-15' });
    expect(unsigned.status).toBe(403);
    expect(unsigned.body).toContain('<Code>MissingAuthenticationToken</Code>');
  });
});
