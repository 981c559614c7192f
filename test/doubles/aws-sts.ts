import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback double of AWS STS GetCallerIdentity (awsQuery protocol, XML answers), reached by the
 * real @aws-sdk/client-sts through an endpoint override. It checks what a real STS would: a SigV4
 * Authorization header for a known access key, a fresh X-Amz-Date, the action and version, and a
 * session token for temporary (ASIA…) keys — so a wrong request fails the test.
 */
export interface StsIdentity {
  accessKeyId: string;
  account: string;
  arn: string;
  userId: string;
  /** Temporary credentials must send this as X-Amz-Security-Token. */
  sessionToken?: string;
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

export async function startStsDouble(identities: readonly StsIdentity[], options: { now?: () => number } = {}): Promise<StsDouble> {
  const requests: StsDouble['requests'] = [];
  const now = options.now ?? Date.now;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const outcome = answer(req, form, identities, now());
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

function answer(req: http.IncomingMessage, form: URLSearchParams, identities: readonly StsIdentity[], nowMs: number) {
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
  if (identity.sessionToken !== undefined && req.headers['x-amz-security-token'] !== identity.sessionToken) {
    return fail(403, 'ExpiredToken', 'The security token included in the request is expired');
  }
  if (form.get('Action') !== 'GetCallerIdentity' || form.get('Version') !== '2011-06-15') {
    return fail(400, 'InvalidAction', `Could not find operation ${form.get('Action')} for version ${form.get('Version')}`);
  }
  return {
    status: 200,
    requestId,
    body: `<GetCallerIdentityResponse xmlns="${NS}"><GetCallerIdentityResult><Arn>${identity.arn}</Arn><UserId>${identity.userId}</UserId><Account>${identity.account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
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
