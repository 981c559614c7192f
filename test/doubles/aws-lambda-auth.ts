import type { WireRequest } from './aws-model';
import { sigV4Signature } from './sigv4';

/** A key the double knows; the signature is recomputed with its secret, as AWS's front door does. */
export interface AwsTestIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  account: string;
}

/** The doubles' default key, in AWS's documented example format; not a real credential. */
export const DOUBLES_TEST_KEY: AwsTestIdentity = { accessKeyId: 'AKIAEXAMPLESKYLIFT01', secretAccessKey: 'skylift-doubles-test-secret-0000000000000', account: '111122223333' };

export interface AuthRefusal {
  status: number;
  code: string;
  message: string;
}

const MAX_SKEW_MS = 15 * 60_000;

/** Null when the request is signed (SigV4, this service, a known key, a fresh date); otherwise AWS's refusal. */
export function checkSigV4(req: WireRequest, service: string, identities: readonly AwsTestIdentity[], nowMs: number): { identity: AwsTestIdentity } | AuthRefusal {
  const pattern = new RegExp(`^AWS4-HMAC-SHA256 Credential=([A-Z0-9]{16,128})/(\\d{8})/([a-z0-9-]+)/${service}/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$`);
  const auth = pattern.exec(String(req.headers.authorization ?? ''));
  if (!auth) return { status: 403, code: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' };
  const signed = auth[4].split(';');
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  const stamp = parseAmzDate(amzDate);
  if (!signed.includes('host') || stamp === null || amzDate.slice(0, 8) !== auth[2]) {
    return { status: 403, code: 'IncompleteSignatureException', message: 'The request signature must cover host and a valid X-Amz-Date matching the credential scope.' };
  }
  if (Math.abs(nowMs - stamp) > MAX_SKEW_MS) return { status: 403, code: 'InvalidSignatureException', message: 'Signature expired: the request time is more than 15 minutes from the server time.' };
  const identity = identities.find((i) => i.accessKeyId === auth[1]);
  if (!identity) return { status: 403, code: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' };
  const expected = sigV4Signature(asIncoming(req), req.body, identity.secretAccessKey, { date: auth[2], region: auth[3], service }, signed);
  if (expected !== auth[5]) {
    return { status: 403, code: 'InvalidSignatureException', message: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.' };
  }
  return { identity };
}

/**
 * sigV4Signature reads method, url and headers only. Outside S3, SigV4's canonical URI encodes
 * each path segment once more (the SDK and the AWS CLI sign `arn%253A…` for a path holding
 * `arn%3A…`), so a function named by its ARN is checked as AWS checks it.
 */
function asIncoming(req: WireRequest): Parameters<typeof sigV4Signature>[0] {
  const url = new URL(req.url, 'http://double');
  const path = url.pathname.split('/').map(encodeSegment).join('/');
  return { method: req.method, url: `${path}${url.search}`, headers: req.headers } as Parameters<typeof sigV4Signature>[0];
}

function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function parseAmzDate(value: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : null;
}
