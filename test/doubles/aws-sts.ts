import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sigV4Signature } from './sigv4';

/**
 * A loopback double of AWS STS GetCallerIdentity and AssumeRole (awsQuery protocol, XML answers),
 * reached by the real @aws-sdk/client-sts through an endpoint override. It checks what a real STS
 * would: a SigV4 signature made with the key's secret, a fresh X-Amz-Date, the action and version,
 * a session token for temporary (ASIA…) keys, and a role's trust policy — so a wrong request fails
 * the test.
 */
export interface StsIdentity {
  accessKeyId: string;
  /** When set, the signature is recomputed with it: a wrong secret gets SignatureDoesNotMatch. */
  secretAccessKey?: string;
  account: string;
  arn: string;
  userId: string;
  /** Temporary credentials must send this as X-Amz-Security-Token. */
  sessionToken?: string;
}

/** A role the double lets trusted callers assume; the answer is a fresh temporary identity. */
export interface StsRole {
  arn: string;
  /** ARNs of the identities its trust policy allows; anyone else gets AccessDenied. */
  trusted: string[];
  externalId?: string;
}

export interface StsDouble {
  url: string;
  /** Every request the double accepted or refused, for assertions. */
  requests: Array<{ action: string | null; accessKeyId: string | null; status: number }>;
  close(): Promise<void>;
}

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const MAX_SKEW_MS = 15 * 60_000;
const SIGV4 = /^AWS4-HMAC-SHA256 Credential=([A-Z0-9]{16,128})\/(\d{8})\/([a-z0-9-]+)\/sts\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

export async function startStsDouble(known: readonly StsIdentity[], options: { now?: () => number; roles?: readonly StsRole[] } = {}): Promise<StsDouble> {
  const requests: StsDouble['requests'] = [];
  const now = options.now ?? Date.now;
  // AssumeRole adds the temporary identities it hands out.
  const identities: StsIdentity[] = [...known];
  const roles = options.roles ?? [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const form = new URLSearchParams(body.toString('utf8'));
      const outcome = answer(req, body, form, { identities, roles }, now());
      requests.push({ action: form.get('Action'), accessKeyId: SIGV4.exec(req.headers.authorization ?? '')?.[1] ?? null, status: outcome.status });
      res.writeHead(outcome.status, { 'content-type': 'text/xml', 'x-amzn-requestid': outcome.requestId });
      res.end(outcome.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function answer(req: http.IncomingMessage, body: Buffer, form: URLSearchParams, world: { identities: StsIdentity[]; roles: readonly StsRole[] }, nowMs: number) {
  const { identities } = world;
  const requestId = randomUUID();
  const fail = (status: number, code: string, message: string) => ({ status, requestId, body: errorXml(code, message, requestId) });
  if (req.method !== 'POST' || !(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    return fail(400, 'InvalidAction', 'STS takes form-encoded POST requests.');
  }
  const auth = SIGV4.exec(req.headers.authorization ?? '');
  if (!auth) return fail(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
  const signed = auth[4].split(';');
  if (!signed.includes('host') || !signed.includes('x-amz-date')) return fail(403, 'IncompleteSignature', 'The request signature must cover host and x-amz-date.');
  const stamp = parseAmzDate(String(req.headers['x-amz-date'] ?? ''));
  if (stamp === null || auth[2] !== String(req.headers['x-amz-date']).slice(0, 8)) return fail(400, 'IncompleteSignature', 'X-Amz-Date is missing or does not match the credential scope.');
  if (Math.abs(nowMs - stamp) > MAX_SKEW_MS) return fail(403, 'SignatureDoesNotMatch', 'Signature expired: the request time is more than 15 minutes from the server time.');
  const identity = identities.find((i) => i.accessKeyId === auth[1]);
  if (!identity) return fail(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
  if (identity.secretAccessKey !== undefined && sigV4Signature(req, body, identity.secretAccessKey, { date: auth[2], region: auth[3], service: 'sts' }, signed) !== auth[5]) {
    return fail(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.');
  }
  if (identity.sessionToken !== undefined && req.headers['x-amz-security-token'] !== identity.sessionToken) {
    return fail(403, 'ExpiredToken', 'The security token included in the request is expired');
  }
  if (form.get('Action') === 'AssumeRole' && form.get('Version') === '2011-06-15') return assumeRole(form, identity, world, nowMs, requestId, fail);
  if (form.get('Action') !== 'GetCallerIdentity' || form.get('Version') !== '2011-06-15') {
    return fail(400, 'InvalidAction', `Could not find operation ${form.get('Action')} for version ${form.get('Version')}`);
  }
  return {
    status: 200,
    requestId,
    body: `<GetCallerIdentityResponse xmlns="${NS}"><GetCallerIdentityResult><Arn>${identity.arn}</Arn><UserId>${identity.userId}</UserId><Account>${identity.account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
  };
}

type Fail = (status: number, code: string, message: string) => { status: number; requestId: string; body: string };

function assumeRole(form: URLSearchParams, caller: StsIdentity, world: { identities: StsIdentity[]; roles: readonly StsRole[] }, nowMs: number, requestId: string, fail: Fail) {
  const roleArn = form.get('RoleArn') ?? '';
  const sessionName = form.get('RoleSessionName') ?? '';
  if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) return fail(400, 'ValidationError', 'RoleSessionName must be 2-64 characters of [\\w+=,.@-].');
  const role = world.roles.find((r) => r.arn === roleArn);
  const externalIdOk = role?.externalId === undefined || form.get('ExternalId') === role.externalId;
  if (!role || !role.trusted.includes(caller.arn) || !externalIdOk) {
    return fail(403, 'AccessDenied', `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
  }
  const [, , , , account, resource] = roleArn.split(':');
  const roleName = resource.split('/').pop();
  const roleId = `AROA${randomBytes(8).toString('hex').toUpperCase()}`;
  const temporary: StsIdentity = {
    accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64'),
    sessionToken: randomBytes(96).toString('base64'),
    account,
    arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`,
    userId: `${roleId}:${sessionName}`,
  };
  world.identities.push(temporary);
  const expiration = new Date(nowMs + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    status: 200,
    requestId,
    body: `<AssumeRoleResponse xmlns="${NS}"><AssumeRoleResult><AssumedRoleUser><AssumedRoleId>${temporary.userId}</AssumedRoleId><Arn>${temporary.arn}</Arn></AssumedRoleUser><Credentials><AccessKeyId>${temporary.accessKeyId}</AccessKeyId><SecretAccessKey>${temporary.secretAccessKey}</SecretAccessKey><SessionToken>${temporary.sessionToken}</SessionToken><Expiration>${expiration}</Expiration></Credentials></AssumeRoleResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></AssumeRoleResponse>`,
  };
}

function errorXml(code: string, message: string, requestId: string): string {
  return `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}

/** 20261124T021500Z → epoch ms. */
function parseAmzDate(value: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : null;
}
