import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { startAzureDouble, type AzureDouble } from '../doubles/azure';
import { CERT_APP, EXPIRED_APP, FORBIDDEN_APP, OTHER_TENANT, SECRET_APP, SUBSCRIPTIONS, TENANT } from '../doubles/azure-ids';
import { makeClientCertificate, type ClientCertificate } from '../doubles/tls';
import { callOrThrow, testCore } from '../helpers/core';
import { useTempDir } from '../helpers/temp';

const SECRET = 'Wq8~azure-profile-secret.not-real-0001';
const SUBS = SUBSCRIPTIONS;
const FAKE_AZ_DIR = path.resolve('test/doubles/azure-cli');

type Outcome = { ok: boolean; code?: string; message?: string; hint?: string; credentialSource?: string; azure?: { tenantId: string; subscriptions: Array<{ id: string; name: string; state: string }> } };

describe('Azure profiles against the Entra ID and ARM double', () => {
  const tempDir = useTempDir();
  let azure: AzureDouble;
  let core: Core;
  let registered: ClientCertificate;
  let unregistered: ClientCertificate;

  beforeAll(() => {
    registered = makeClientCertificate('skylift-registered');
    unregistered = makeClientCertificate('skylift-unregistered');
  });
  beforeEach(async () => {
    azure = await startAzureDouble({
      tenants: [
        {
          id: TENANT,
          apps: [
            { clientId: SECRET_APP, secret: SECRET, subscriptions: SUBS },
            { clientId: CERT_APP, certificatePem: registered.certificatePem, subscriptions: SUBS.slice(0, 1) },
            { clientId: EXPIRED_APP, secret: SECRET, secretExpired: true },
            { clientId: FORBIDDEN_APP, secret: SECRET, forbidden: true },
          ],
        },
      ],
    });
    core = testCore(tempDir());
    if (!(await core.handlers.profiles.storage({})).secure) await core.handlers.profiles.setFileOptIn({ enabled: true, acknowledgeInsecure: true });
  });
  afterEach(async () => {
    await core.close();
    await azure.close();
  });

  const call = <T>(channel: string, input: unknown) => callOrThrow<T>(core, channel, input);
  const custom = () => ({ cloud: 'custom', endpoints: { authorityHost: azure.authorityHost, resourceManager: azure.resourceManager } });
  const addSecret = (name: string, fields: { clientId?: string; tenantId?: string; clientSecret?: string; subscriptionId?: string } = {}) =>
    call<{ id: string; hasSecret: boolean }>('profiles:add', { kind: 'azure-client-secret', name, tenantId: TENANT, clientId: SECRET_APP, clientSecret: SECRET, ...custom(), ...fields });
  const test = (id: string) => call<Outcome>('profiles:test', { id });

  it('gets a token and lists the subscriptions for a service principal with a secret', async () => {
    const profile = await addSecret('sp');
    const outcome = await test(profile.id);
    expect(outcome).toMatchObject({ ok: true, credentialSource: 'service principal (client secret)', azure: { tenantId: TENANT } });
    expect(outcome.azure?.subscriptions).toEqual([
      { id: SUBS[0].id, name: SUBS[0].name, state: 'Enabled' },
      { id: SUBS[1].id, name: SUBS[1].name, state: 'Disabled' },
    ]);
    expect(azure.requests.map((r) => `${r.service} ${r.status}`)).toEqual(expect.arrayContaining(['entra 200', 'arm 200']));
  });

  it('signs in with a certificate, and maps an unregistered certificate to INVALID_KEY', async () => {
    const good = await call<{ id: string; fields: Record<string, string> }>('profiles:add', { kind: 'azure-client-certificate', name: 'cert', tenantId: TENANT, clientId: CERT_APP, certificatePem: registered.combinedPem, ...custom() });
    expect(good.fields.thumbprint).toMatch(/^[0-9A-F]{40}$/);
    expect(await test(good.id)).toMatchObject({ ok: true, azure: { subscriptions: [{ id: SUBS[0].id }] } });
    const bad = await call<{ id: string }>('profiles:add', { kind: 'azure-client-certificate', name: 'cert-bad', tenantId: TENANT, clientId: CERT_APP, certificatePem: unregistered.combinedPem, ...custom() });
    expect(await test(bad.id)).toMatchObject({ ok: false, code: 'INVALID_KEY' });
  });

  it('maps a wrong secret to INVALID_KEY and an expired one to EXPIRED_SESSION', async () => {
    const wrong = await addSecret('wrong', { clientSecret: 'Xy9~not-the-secret.value-0000000' });
    expect(await test(wrong.id)).toMatchObject({ ok: false, code: 'INVALID_KEY' });
    const expired = await addSecret('expired', { clientId: EXPIRED_APP });
    const outcome = await test(expired.id);
    expect(outcome).toMatchObject({ ok: false, code: 'EXPIRED_SESSION' });
    expect(outcome.hint).toMatch(/new client secret/);
  });

  it('maps an unknown tenant and an app missing from the tenant to WRONG_TENANT', async () => {
    const otherTenant = await addSecret('other-tenant', { tenantId: OTHER_TENANT });
    expect(await test(otherTenant.id)).toMatchObject({ ok: false, code: 'WRONG_TENANT' });
    const unknownApp = await addSecret('unknown-app', { clientId: '9f8e7d6c-5b4a-4c3d-9e2f-1a0b9c8d7e6f' });
    expect(await test(unknownApp.id)).toMatchObject({ ok: false, code: 'WRONG_TENANT' });
  });

  it('maps a principal without a role to PERMISSION_DENIED, and a default subscription it cannot see too', async () => {
    const forbidden = await addSecret('forbidden', { clientId: FORBIDDEN_APP });
    expect(await test(forbidden.id)).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' });
    const unseen = await addSecret('unseen-sub', { subscriptionId: '99999999-8888-4777-8666-555555555555' });
    expect(await test(unseen.id)).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' });
  });

  it('maps an authority nobody answers on to ENDPOINT_UNREACHABLE', async () => {
    const profile = await call<{ id: string }>('profiles:add', { kind: 'azure-client-secret', name: 'nowhere', tenantId: TENANT, clientId: SECRET_APP, clientSecret: SECRET, cloud: 'custom', endpoints: { authorityHost: 'https://127.0.0.1:9', resourceManager: azure.resourceManager } });
    const outcome = await test(profile.id);
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ ok: false, code: 'ENDPOINT_UNREACHABLE' });
    expect(outcome.message).toContain('https://127.0.0.1:9');
  });

  describe('reusing an Azure CLI login', () => {
    const savedPath = process.env.PATH;
    beforeEach(() => {
      // The credential runs `az`; a stand-in logged in as the double's service principal answers.
      process.env.PATH = `${FAKE_AZ_DIR}${path.delimiter}${savedPath}`;
    });
    afterEach(() => {
      process.env.PATH = savedPath;
      delete process.env.SKYLIFT_FAKE_AZ_LOGIN;
    });

    it('uses the CLI token, stores no secret, and says to run az login when logged out', async () => {
      const profile = await call<{ id: string; hasSecret: boolean; source: string }>('profiles:add', { kind: 'azure-cli', name: 'cli', tenantId: TENANT, ...custom() });
      expect(profile).toMatchObject({ hasSecret: false, source: 'azure-cli' });
      const loggedOut = await test(profile.id);
      expect(loggedOut).toMatchObject({ ok: false, code: 'EXPIRED_SESSION' });
      expect(loggedOut.hint).toMatch(/az login/);

      process.env.SKYLIFT_FAKE_AZ_LOGIN = JSON.stringify({ tenantId: TENANT, clientId: SECRET_APP, secret: SECRET, authorityHost: azure.authorityHost });
      expect(await test(profile.id)).toMatchObject({ ok: true, credentialSource: 'Azure CLI login', azure: { subscriptions: [{ id: SUBS[0].id }, { id: SUBS[1].id }] } });
    });
  });
});
