import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { AuthenticationRequiredError, ClientCertificateCredential, ClientSecretCredential, CredentialUnavailableError, type TokenCredential } from '@azure/identity';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { azureCredentialOptions, startAzureDouble, type AzureDouble } from './azure';
import { makeClientCertificate, testCaEnv, type ClientCertificate } from './tls';
import { CERT_APP, DOMAIN, EMPTY_APP, EXPIRED_APP, FORBIDDEN_APP, SECRET_APP, SUBSCRIPTIONS, TENANT } from './azure-ids';

const SECRET = 'Wq8~test-secret-value.not-real';
const SUBS = SUBSCRIPTIONS;

let registered: ClientCertificate;
let unregistered: ClientCertificate;
beforeAll(() => {
  registered = makeClientCertificate('skylift-registered');
  unregistered = makeClientCertificate('skylift-unregistered');
});

describe('Azure double, through the real @azure/identity and @azure/arm-resources-subscriptions', () => {
  let azure: AzureDouble | undefined;
  let clock = Date.now();
  afterEach(async () => {
    clock = Date.now();
    await azure?.close();
  });

  const start = async () =>
    (azure = await startAzureDouble({
      now: () => clock,
      tenants: [
        {
          id: TENANT,
          domain: DOMAIN,
          apps: [
            { clientId: SECRET_APP, secret: SECRET, subscriptions: SUBS },
            { clientId: CERT_APP, certificatePem: registered.certificatePem, subscriptions: SUBS.slice(0, 1) },
            { clientId: EMPTY_APP, secret: SECRET, subscriptions: [] },
            { clientId: EXPIRED_APP, secret: SECRET, secretExpired: true },
            { clientId: FORBIDDEN_APP, secret: SECRET, forbidden: true },
          ],
        },
      ],
    }));
  const secretCredential = (double: AzureDouble, clientId = SECRET_APP, secret = SECRET, tenant = TENANT) =>
    new ClientSecretCredential(tenant, clientId, secret, azureCredentialOptions(double));
  const listSubscriptions = async (double: AzureDouble, credential: TokenCredential) => {
    const client = new SubscriptionClient(credential, { endpoint: double.resourceManager, credentialScopes: [`${double.resourceManager}/.default`] });
    const out = [];
    for await (const s of client.subscriptions.list()) out.push(s);
    return out;
  };
  const calls = (double: AzureDouble) => double.requests.map((r) => `${r.service} ${r.method} ${r.path} ${r.status}${r.error ? ` ${r.error}` : ''}`);

  it('lists subscriptions with a client secret, after discovery and a token request', async () => {
    const double = await start();
    const subs = await listSubscriptions(double, secretCredential(double));
    expect(subs).toEqual([
      expect.objectContaining({ id: `/subscriptions/${SUBS[0].id}`, subscriptionId: SUBS[0].id, displayName: SUBS[0].name, state: 'Enabled', tenantId: TENANT }),
      expect.objectContaining({ subscriptionId: SUBS[1].id, state: 'Disabled', subscriptionPolicies: expect.objectContaining({ spendingLimit: 'Off' }) }),
    ]);
    expect(calls(double)).toEqual([
      `entra GET /${TENANT}/v2.0/.well-known/openid-configuration 200`,
      `entra POST /${TENANT}/oauth2/v2.0/token 200`,
      'arm GET /subscriptions 200',
    ]);
    expect(double.tokensIssued).toEqual([expect.objectContaining({ tenantId: TENANT, clientId: SECRET_APP, via: 'secret' })]);
  });

  it('lists subscriptions with a certificate, signing in by tenant domain', async () => {
    const double = await start();
    const credential = new ClientCertificateCredential(DOMAIN, CERT_APP, { certificate: registered.combinedPem }, azureCredentialOptions(double));
    const subs = await listSubscriptions(double, credential);
    expect(subs.map((s) => s.subscriptionId)).toEqual([SUBS[0].id]);
    expect(double.tokensIssued).toEqual([expect.objectContaining({ clientId: CERT_APP, via: 'certificate' })]);
    // MSAL puts the tenant as the caller named it into the token endpoint from discovery.
    expect(calls(double)).toContain(`entra POST /${DOMAIN}/oauth2/v2.0/token 200`);
  });

  it('returns an empty list for a principal with no subscriptions', async () => {
    const double = await start();
    expect(await listSubscriptions(double, secretCredential(double, EMPTY_APP))).toEqual([]);
    expect(calls(double).at(-1)).toBe('arm GET /subscriptions 200');
  });

  // @azure/identity 4 turns MSAL's ServerError into AuthenticationRequiredError: no statusCode, but
  // the message starts with the OAuth error and carries the AADSTS code.
  it('refuses a wrong secret, an expired secret and an unknown client with Entra errors', async () => {
    const double = await start();
    const cases = [
      { credential: secretCredential(double, SECRET_APP, 'wrong'), status: 401, error: 'invalid_client', code: 'AADSTS7000215' },
      { credential: secretCredential(double, EXPIRED_APP), status: 401, error: 'invalid_client', code: 'AADSTS7000222' },
      { credential: secretCredential(double, '99999999-0000-4000-8000-000000000000'), status: 400, error: 'unauthorized_client', code: 'AADSTS700016' },
    ];
    for (const c of cases) {
      const failure = await listSubscriptions(double, c.credential).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(AuthenticationRequiredError);
      expect((failure as Error).message).toMatch(new RegExp(`^${c.error}: .*Description: ${c.code}: `, 's'));
    }
    const tokenCalls = double.requests.filter((r) => r.service === 'entra' && r.method === 'POST');
    expect(tokenCalls.map((r) => [r.status, r.error])).toEqual(cases.map((c) => [c.status, c.code]));
    expect(double.requests.some((r) => r.service === 'arm')).toBe(false);
  });

  it('refuses an unknown tenant at discovery, which the SDK reports as unavailable', async () => {
    const double = await start();
    const other = '00000000-1111-4222-8333-444444444444';
    const failure = await listSubscriptions(double, secretCredential(double, SECRET_APP, SECRET, other)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CredentialUnavailableError);
    expect((failure as Error).message).toContain('endpoints_resolution_error');
    expect(calls(double)).toEqual([`entra GET /${other}/v2.0/.well-known/openid-configuration 400 AADSTS90002`]);
    const raw = await postToken(double, other, { grant_type: 'client_credentials', client_id: SECRET_APP, client_secret: SECRET, scope: `${double.resourceManager}/.default` });
    expect(raw).toMatchObject({ status: 400, body: { error: 'invalid_request', error_codes: [90002] } });
  });

  it('refuses a certificate that is not registered, and a registered one signed by another key', async () => {
    const double = await start();
    const cases = [
      { certificate: unregistered.combinedPem, reason: 'is not registered on application' },
      // The registered certificate's thumbprint, but signed with another key.
      { certificate: `${unregistered.privateKeyPem}${registered.certificatePem}`, reason: 'failed signature validation' },
    ];
    for (const { certificate, reason } of cases) {
      const credential = new ClientCertificateCredential(TENANT, CERT_APP, { certificate }, azureCredentialOptions(double));
      const failure = await listSubscriptions(double, credential).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(AuthenticationRequiredError);
      expect((failure as Error).message).toMatch(new RegExp(`^invalid_client: .*AADSTS700027: [^\\n]*${reason}`, 's'));
    }
    expect(double.tokensIssued).toEqual([]);
    expect(double.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([401, 401]);
  });

  it('answers 403 AuthorizationFailed for a forbidden principal, surfaced as a RestError', async () => {
    const double = await start();
    const failure = await listSubscriptions(double, secretCredential(double, FORBIDDEN_APP)).catch((e: unknown) => e);
    expect(failure).toMatchObject({ name: 'RestError', statusCode: 403, code: 'AuthorizationFailed' });
    expect(calls(double).at(-1)).toBe('arm GET /subscriptions 403 AuthorizationFailed');
  });

  it('answers 401 to a token it did not issue, an expired one, and a request without one', async () => {
    const double = await start();
    const bogus: TokenCredential = { getToken: async () => ({ token: 'eyJ.not-issued.here', expiresOnTimestamp: Date.now() + 3_600_000 }) };
    const failure = await listSubscriptions(double, bogus).catch((e: unknown) => e);
    expect(failure).toMatchObject({ name: 'RestError', statusCode: 401, code: 'InvalidAuthenticationToken' });
    const bare = await fetch(`${double.resourceManager}/subscriptions?api-version=2022-12-01`);
    expect(bare.status).toBe(401);
    expect(bare.headers.get('www-authenticate')).toMatch(/^Bearer authorization_uri=".+", error="invalid_token"/);
    expect(await bare.json()).toEqual({ error: { code: 'AuthenticationFailed', message: expect.stringContaining("'Authorization' header is missing") } });
    await listSubscriptions(double, secretCredential(double));
    clock += 3600_000; // past the issued token's expiry
    const late = await fetch(`${double.resourceManager}/subscriptions?api-version=2022-12-01`, { headers: { authorization: `Bearer ${double.tokensIssued[0].accessToken}` } });
    expect({ status: late.status, body: await late.json() }).toMatchObject({ status: 401, body: { error: { code: 'ExpiredAuthenticationToken' } } });
  });

  it('refuses malformed requests: wrong grant type, scope or resource, and a missing api-version', async () => {
    const double = await start();
    const base = { client_id: SECRET_APP, client_secret: SECRET, scope: `${double.resourceManager}/.default` };
    expect(await postToken(double, TENANT, { ...base, grant_type: 'password' })).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
    expect(await postToken(double, TENANT, { ...base, grant_type: 'client_credentials', scope: `${double.resourceManager}/user_impersonation` })).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
    expect(await postToken(double, TENANT, { ...base, grant_type: 'client_credentials', scope: 'https://graph.microsoft.com/.default' })).toMatchObject({ status: 400, body: { error: 'invalid_resource' } });
    const ok = await postToken(double, TENANT, { ...base, grant_type: 'client_credentials' });
    expect(ok).toMatchObject({ status: 200, body: { token_type: 'Bearer', expires_in: expect.any(Number), ext_expires_in: expect.any(Number) } });
    const noVersion = await fetch(`${double.resourceManager}/subscriptions`, { headers: { authorization: `Bearer ${String(ok.body.access_token)}` } });
    expect({ status: noVersion.status, body: await noVersion.json() }).toMatchObject({ status: 400, body: { error: { code: 'MissingApiVersionParameter' } } });
  });

  it('gives child processes the test CA through testCaEnv, and they fail without it', async () => {
    const double = await start();
    const probe = `fetch(${JSON.stringify(`${double.authorityHost}/${TENANT}/v2.0/.well-known/openid-configuration`)}).then(r => r.json()).then(b => console.log(b.issuer), e => { console.log(e.cause?.code); process.exitCode = 1; })`;
    const { NODE_EXTRA_CA_CERTS: _dropped, ...bareEnv } = process.env;
    const run = (env: NodeJS.ProcessEnv) => promisify(execFile)(process.execPath, ['-e', probe], { env }).then((r) => r.stdout.trim(), (e: { stdout: string }) => `failed: ${e.stdout.trim()}`);
    expect(await run({ ...bareEnv, ...testCaEnv() })).toBe(`${double.authorityHost}/${TENANT}/v2.0`);
    expect(await run(bareEnv)).toMatch(/^failed: (UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)$/);
  });
});

async function postToken(double: AzureDouble, tenant: string, form: Record<string, string>) {
  const res = await fetch(`${double.authorityHost}/${tenant}/oauth2/v2.0/token`, { method: 'POST', body: new URLSearchParams(form) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
