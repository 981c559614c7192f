import { constants, createHash, randomBytes, randomUUID, verify, X509Certificate } from 'node:crypto';
import https from 'node:https';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loopbackServerTls } from './tls';

/**
 * A loopback double of Microsoft Entra ID (client-credentials grant) and Azure Resource Manager
 * (Subscriptions - List/Get), on HTTPS with the test CA, reached by the real @azure/identity and
 * @azure/arm-resources-subscriptions clients. It checks what the real services would — tenant,
 * client, secret or a certificate-signed assertion, the ARM scope, bearer tokens it issued — and
 * answers in their published shapes, so a wrong request fails the test.
 *
 * What the SDK clients need to reach it (found by running them against it):
 *   new ClientSecretCredential(tenantId, clientId, secret, { authorityHost, disableInstanceDiscovery: true })
 *   new ClientCertificateCredential(tenantId, clientId, { certificate: keyAndCertPem }, { authorityHost, disableInstanceDiscovery: true })
 *   new SubscriptionClient(credential, { endpoint: resourceManager, credentialScopes: [`${resourceManager}/.default`] })
 * Without disableInstanceDiscovery MSAL asks https://login.microsoftonline.com/common/discovery/instance
 * about the custom host (never this double) and fails offline with endpoints_resolution_error.
 * With it, MSAL fetches {authorityHost}/{tenant}/v2.0/.well-known/openid-configuration, then posts to
 * the token_endpoint found there. Trust comes from NODE_EXTRA_CA_CERTS (see tls.ts), not from options.
 */

export type SubscriptionState = 'Enabled' | 'Warned' | 'PastDue' | 'Disabled' | 'Deleted';

export interface AzureAppSeed {
  clientId: string;
  secret?: string;
  /** Public certificate PEM registered on the app; assertions must be signed by its key. */
  certificatePem?: string;
  /** The secret matches but has expired (AADSTS7000222). */
  secretExpired?: boolean;
  subscriptions?: Array<{ id: string; name: string; state?: SubscriptionState }>;
  /** ARM refuses this principal with 403 AuthorizationFailed. */
  forbidden?: boolean;
}

export interface AzureTenantSeed {
  id: string;
  /** e.g. contoso.onmicrosoft.com: Entra accepts it in place of the tenant id. */
  domain?: string;
  apps: AzureAppSeed[];
}

export interface AzureDoubleOptions {
  tenants: AzureTenantSeed[];
  now?: () => number;
  tokenLifetimeSeconds?: number;
}

export interface AzureRequestRecord {
  service: 'entra' | 'arm';
  method: string;
  /** Path without the query string. */
  path: string;
  status: number;
  /** AADSTS code or ARM error code when refused. */
  error?: string;
}

export interface IssuedToken {
  accessToken: string;
  tenantId: string;
  clientId: string;
  via: 'secret' | 'certificate';
  expiresAt: number;
}

export interface AzureDouble {
  /** Pass as `authorityHost` to @azure/identity credentials. */
  authorityHost: string;
  /** Pass as `endpoint` to ARM clients; the ARM scope is `${resourceManager}/.default`. */
  resourceManager: string;
  requests: AzureRequestRecord[];
  tokensIssued: IssuedToken[];
  close(): Promise<void>;
}

/** The options @azure/identity credentials need to use this double as their authority. */
export function azureCredentialOptions(double: Pick<AzureDouble, 'authorityHost'>) {
  return { authorityHost: double.authorityHost, disableInstanceDiscovery: true };
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  error?: string;
}

interface Context {
  options: AzureDoubleOptions;
  now: () => number;
  authorityHost: string;
  resourceManager: string;
  tokens: Map<string, IssuedToken>;
  tokensIssued: IssuedToken[];
  /** Service principal object ids, stable for the double's life. */
  objectIds: Map<AzureAppSeed, string>;
}

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const ASSERTION_SKEW_S = 300;
const ARM_API_VERSIONS = ['2016-06-01', '2019-06-01', '2019-11-01', '2020-01-01', '2021-01-01', '2022-12-01'];

export async function startAzureDouble(options: AzureDoubleOptions): Promise<AzureDouble> {
  const requests: AzureRequestRecord[] = [];
  const tokensIssued: IssuedToken[] = [];
  const ctx: Context = { options, now: options.now ?? Date.now, authorityHost: '', resourceManager: '', tokens: new Map(), tokensIssued, objectIds: new Map() };
  // Two hosts, as in Azure: a client that sends its token request to ARM (or the reverse) gets a 404.
  const entra = await listen('entra', requests, (req, url, body) => answerEntra(ctx, req, url, body));
  const arm = await listen('arm', requests, (req, url) => answerArm(ctx, req, url));
  ctx.authorityHost = entra.url;
  ctx.resourceManager = arm.url;
  return {
    authorityHost: entra.url,
    resourceManager: arm.url,
    requests,
    tokensIssued,
    close: async () => {
      await Promise.all([entra.close(), arm.close()]);
    },
  };
}

type Handler = (req: http.IncomingMessage, url: URL, body: string) => Answer;

async function listen(service: AzureRequestRecord['service'], requests: AzureRequestRecord[], handle: Handler) {
  const server = https.createServer(loopbackServerTls(), (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'https://127.0.0.1');
      let answer: Answer;
      try {
        answer = handle(req, url, Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        // A bug in the double should fail the test at once, not leave the SDK waiting.
        answer = { status: 500, error: 'DoubleFailed', body: { error: { code: 'DoubleFailed', message: String(error) } } };
      }
      requests.push({ service, method: req.method ?? '', path: url.pathname, status: answer.status, ...(answer.error ? { error: answer.error } : {}) });
      res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // the SDKs keep connections alive
      }),
  };
}

// ---- Entra ID ----

function findTenant(ctx: Context, idOrDomain: string): AzureTenantSeed | undefined {
  const key = idOrDomain.toLowerCase();
  return ctx.options.tenants.find((t) => t.id.toLowerCase() === key || t.domain?.toLowerCase() === key);
}

function answerEntra(ctx: Context, req: http.IncomingMessage, url: URL, body: string): Answer {
  const correlationId = url.searchParams.get('client-request-id') ?? String(req.headers['client-request-id'] ?? randomUUID());
  const fail = (status: number, error: string, code: number, message: string): Answer => entraError(ctx, status, error, code, message, correlationId);
  const route = /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|discovery\/v2\.0\/keys|oauth2\/v2\.0\/token)$/.exec(url.pathname);
  if (!route) return { status: 404, body: { error: 'not_found', error_description: `No Entra endpoint at ${url.pathname}` }, error: 'NotFound' };
  const tenant = findTenant(ctx, route[1]);
  const tenantNotFound = `Tenant '${route[1]}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`;
  if (route[2] === 'oauth2/v2.0/token') {
    if (req.method !== 'POST') return fail(405, 'invalid_request', 900561, 'The endpoint only accepts POST requests.');
    if (!tenant) return fail(400, 'invalid_request', 90002, tenantNotFound);
    return answerToken(ctx, tenant, `${ctx.authorityHost}${url.pathname}`, new URLSearchParams(body), fail);
  }
  if (req.method !== 'GET') return fail(405, 'invalid_request', 900561, 'The endpoint only accepts GET requests.');
  if (!tenant) return fail(400, 'invalid_tenant', 90002, tenantNotFound);
  if (route[2] === 'discovery/v2.0/keys') return { status: 200, body: { keys: [] } };
  return { status: 200, body: openIdConfiguration(`${ctx.authorityHost}/${tenant.id}`) };
}

/** The published v2.0 metadata document, with every endpoint on the double. */
function openIdConfiguration(base: string) {
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${base}/v2.0`,
    request_uri_parameter_supported: false,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'tid', 'ver', 'at_hash'],
    tenant_region_scope: 'EU',
    cloud_instance_name: 'microsoftonline.com',
  };
}

type Fail = (status: number, error: string, code: number, message: string) => Answer;

function answerToken(ctx: Context, tenant: AzureTenantSeed, tokenEndpoint: string, form: URLSearchParams, fail: Fail): Answer {
  const missing = (name: string) => fail(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`);
  const grantType = form.get('grant_type');
  if (!grantType) return missing('grant_type');
  if (grantType !== 'client_credentials') return fail(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`);
  const clientId = form.get('client_id');
  if (!clientId) return missing('client_id');
  const app = tenant.apps.find((a) => a.clientId.toLowerCase() === clientId.toLowerCase());
  if (!app) {
    return fail(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${tenant.domain ?? tenant.id}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`);
  }
  const scope = form.get('scope');
  if (!scope) return missing('scope');
  if (!/^\S+\/\.default$/.test(scope)) {
    return fail(400, 'invalid_scope', 1002012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
  }
  // Entra takes both `https://management.azure.com/.default` and the legacy `…core.windows.net//.default`.
  if (scope.replace(/\/+\.default$/, '') !== ctx.resourceManager) {
    return fail(400, 'invalid_resource', 500011, `The resource principal named ${scope.replace(/\/\.default$/, '')} was not found in the tenant named ${tenant.domain ?? tenant.id}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`);
  }
  const refused = form.has('client_assertion') || form.has('client_assertion_type')
    ? checkAssertion(ctx, app, tenant, tokenEndpoint, form, fail)
    : checkSecret(app, form.get('client_secret'), fail);
  if (refused) return refused;
  return { status: 200, body: issueToken(ctx, tenant, app, form.has('client_assertion') ? 'certificate' : 'secret') };
}

function checkSecret(app: AzureAppSeed, secret: string | null, fail: Fail): Answer | undefined {
  if (secret === null) return fail(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
  if (app.secret === undefined || secret !== app.secret) {
    return fail(401, 'invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`);
  }
  if (app.secretExpired) {
    return fail(401, 'invalid_client', 7000222, `The provided client secret keys for app '${app.clientId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`);
  }
  return undefined;
}

/** RFC 7523 client assertion: signed by the registered certificate's key, about this client and endpoint. */
function checkAssertion(ctx: Context, app: AzureAppSeed, tenant: AzureTenantSeed, tokenEndpoint: string, form: URLSearchParams, fail: Fail): Answer | undefined {
  if (form.get('client_assertion_type') !== JWT_BEARER) return fail(400, 'invalid_request', 900144, `The request body must contain the following parameter: 'client_assertion_type' with the value '${JWT_BEARER}'.`);
  const invalid = (code: number, message: string) => fail(401, 'invalid_client', code, message);
  const parts = (form.get('client_assertion') ?? '').split('.');
  const header = parseJson(parts[0]);
  const claims = parseJson(parts[1]);
  if (parts.length !== 3 || !header || !claims) return invalid(50027, 'JWT token is invalid or malformed.');
  if (!app.certificatePem) return invalid(700027, 'The certificate with identifier used to sign the client assertion is not registered on application.');
  const cert = new X509Certificate(app.certificatePem);
  const thumbprint = header['x5t#S256'] ?? header.x5t;
  if (thumbprint !== createHash(header['x5t#S256'] ? 'sha256' : 'sha1').update(cert.raw).digest('base64url')) {
    const reason = `[Reason - The key was not found., Thumbprint of key used by client: '${String(thumbprint)}']`;
    return invalid(700027, `The certificate with identifier used to sign the client assertion is not registered on application. ${reason}`);
  }
  if (!signedBy(cert, String(header.alg), parts)) return invalid(700027, 'Client assertion failed signature validation.');
  if (claims.iss !== app.clientId || claims.sub !== app.clientId) return invalid(700021, 'Client assertion application identifier doesn\'t match \'client_id\' parameter.');
  const audiences = [tokenEndpoint, `${ctx.authorityHost}/${tenant.id}/oauth2/v2.0/token`];
  if (!audiences.includes(String(claims.aud))) return invalid(700023, `Client assertion audience claim does not match Realm issuer. Review the documentation at https://aka.ms/certCreds.`);
  const nowS = ctx.now() / 1000;
  if (typeof claims.exp !== 'number' || claims.exp < nowS - ASSERTION_SKEW_S || (typeof claims.nbf === 'number' && claims.nbf > nowS + ASSERTION_SKEW_S)) {
    return invalid(700024, 'Client assertion is not within its valid time range.');
  }
  return undefined;
}

/** Verifies a JWT's RS256 or PS256 signature (the two MSAL uses) with the certificate's public key. */
function signedBy(cert: X509Certificate, alg: string, [header, payload, signature]: string[]): boolean {
  const pss = { key: cert.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST };
  const key = alg === 'PS256' ? pss : alg === 'RS256' ? cert.publicKey : null;
  try {
    return key !== null && verify('sha256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url'));
  } catch {
    return false; // e.g. an EC certificate registered: not a key these algorithms can check
  }
}

function issueToken(ctx: Context, tenant: AzureTenantSeed, app: AzureAppSeed, via: IssuedToken['via']) {
  const lifetime = ctx.options.tokenLifetimeSeconds ?? 3599;
  const iat = Math.floor(ctx.now() / 1000);
  const oid = objectId(ctx, app);
  // JWT-shaped like Entra's, but the signature is random: only this double can vouch for it.
  const accessToken = [
    { typ: 'JWT', alg: 'RS256', kid: 'skylift-test-double' },
    { aud: ctx.resourceManager, iss: `https://sts.windows.net/${tenant.id}/`, iat, nbf: iat, exp: iat + lifetime, appid: app.clientId, idtyp: 'app', oid, sub: oid, tid: tenant.id, ver: '1.0' },
  ].map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).concat(randomBytes(64).toString('base64url')).join('.');
  const issued: IssuedToken = { accessToken, tenantId: tenant.id, clientId: app.clientId, via, expiresAt: (iat + lifetime) * 1000 };
  ctx.tokens.set(accessToken, issued);
  ctx.tokensIssued.push(issued);
  return { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: accessToken };
}

/** Entra's published error body; the description carries the AADSTS code, trace and correlation ids. */
function entraError(ctx: Context, status: number, error: string, code: number, message: string, correlationId: string): Answer {
  const traceId = randomUUID();
  const timestamp = new Date(ctx.now()).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  return {
    status,
    error: `AADSTS${code}`,
    headers: { 'x-ms-request-id': traceId, 'client-request-id': correlationId },
    body: {
      error,
      error_description: `AADSTS${code}: ${message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `${ctx.authorityHost}/error?code=${code}`,
    },
  };
}

// ---- Azure Resource Manager ----

function answerArm(ctx: Context, req: http.IncomingMessage, url: URL): Answer {
  const route = /^\/subscriptions(?:\/([^/]+))?\/?$/.exec(url.pathname);
  if (!route || req.method !== 'GET') return armError(404, 'NotFound', `The requested resource ${req.method} ${url.pathname} does not exist in this double.`);
  const authorization = req.headers.authorization;
  if (!authorization) {
    return armError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.", challenge(ctx, "The authentication failed because of missing 'Authorization' header."));
  }
  const token = /^Bearer (\S+)$/.exec(authorization)?.[1];
  const issued = token ? ctx.tokens.get(token) : undefined;
  if (!issued) return armError(401, 'InvalidAuthenticationToken', 'The access token is invalid.', challenge(ctx, 'The access token is invalid.'));
  if (issued.expiresAt <= ctx.now()) {
    const utc = (ms: number) => new Date(ms).toISOString();
    return armError(401, 'ExpiredAuthenticationToken', `The access token expiry UTC time '${utc(issued.expiresAt)}' is earlier than current UTC time '${utc(ctx.now())}'.`, challenge(ctx, 'The access token expired.'));
  }
  const apiVersion = url.searchParams.get('api-version');
  if (!apiVersion) return armError(400, 'MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.');
  if (!ARM_API_VERSIONS.includes(apiVersion)) {
    return armError(400, 'InvalidApiVersionParameter', `The api-version '${apiVersion}' is invalid. The supported versions are '${ARM_API_VERSIONS.join(',')}'.`);
  }
  const app = ctx.options.tenants.find((t) => t.id === issued.tenantId)!.apps.find((a) => a.clientId === issued.clientId)!;
  if (app.forbidden) {
    const oid = objectId(ctx, app);
    const scope = route[1] ? `/subscriptions/${route[1]}` : '/subscriptions';
    return armError(403, 'AuthorizationFailed', `The client '${oid}' with object id '${oid}' does not have authorization to perform action 'Microsoft.Resources/subscriptions/read' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`);
  }
  const subscriptions = (app.subscriptions ?? []).map((s) => subscriptionBody(s, issued.tenantId));
  if (route[1] === undefined) return { status: 200, body: { value: subscriptions, count: { type: 'Total', value: subscriptions.length } } };
  const one = subscriptions.find((s) => s.subscriptionId === route[1]!.toLowerCase());
  return one ? { status: 200, body: one } : armError(404, 'SubscriptionNotFound', `The subscription '${route[1]}' could not be found.`);
}

/** One entry of Subscriptions - List, as ARM publishes it. */
function subscriptionBody(s: NonNullable<AzureAppSeed['subscriptions']>[number], tenantId: string) {
  const subscriptionId = s.id.toLowerCase();
  return {
    id: `/subscriptions/${subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId,
    tenantId,
    displayName: s.name,
    state: s.state ?? 'Enabled',
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'PayAsYouGo_2014-09-01', spendingLimit: 'Off' },
  };
}

function challenge(ctx: Context, description: string): Record<string, string> {
  return { 'www-authenticate': `Bearer authorization_uri="${ctx.authorityHost}/common", error="invalid_token", error_description="${description}"` };
}

function armError(status: number, code: string, message: string, headers: Record<string, string> = {}): Answer {
  const requestId = randomUUID();
  return { status, error: code, headers: { 'x-ms-request-id': requestId, 'x-ms-correlation-request-id': requestId, 'x-ms-failure-cause': 'gateway', ...headers }, body: { error: { code, message } } };
}

// ---- helpers ----

function objectId(ctx: Context, app: AzureAppSeed): string {
  let oid = ctx.objectIds.get(app);
  if (!oid) ctx.objectIds.set(app, (oid = randomUUID()));
  return oid;
}

function parseJson(segment: string | undefined): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment ?? '', 'base64url').toString('utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
