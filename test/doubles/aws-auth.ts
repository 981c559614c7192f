import type http from 'node:http';
import { sigV4Signature } from './sigv4';

/**
 * The SigV4 check every AWS double (ECR, IAM) makes before it reads a request, as AWS's
 * front ends do: the header's shape, the signed headers, a fresh X-Amz-Date in the scope,
 * a known key, the signature recomputed with its secret for the double's service.
 */
export interface AwsTestKey {
  accessKeyId: string;
  secretAccessKey: string;
  account: string;
  arn: string;
  userId: string;
}

/** The key `npm run doubles` prints and the doubles' tests sign with: AWS's documented example format, not a real credential. */
export const DOUBLES_TEST_KEY: AwsTestKey = {
  accessKeyId: 'AKIAEXAMPLEDOUBLES01',
  secretAccessKey: 'skylift-doubles-test-secret-not-real-0001',
  account: '123456789012',
  arn: 'arn:aws:iam::123456789012:user/skylift-doubles',
  userId: 'AIDAEXAMPLEDOUBLES01',
};

/** Why a request was refused; each double names it in its own protocol's error codes. */
export type SigV4Refusal = 'missing' | 'incomplete' | 'stale' | 'unknown-key' | 'bad-signature';

export type SigV4Outcome = { ok: true; key: AwsTestKey; region: string } | { ok: false; refusal: SigV4Refusal; message: string };

const MAX_SKEW_MS = 15 * 60_000;
const SIGV4 = /^AWS4-HMAC-SHA256 Credential=([A-Z0-9]{16,128})\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

export function checkSigV4(req: http.IncomingMessage, body: Buffer, keys: readonly AwsTestKey[], service: string, nowMs: number): SigV4Outcome {
  const auth = SIGV4.exec(req.headers.authorization ?? '');
  if (!auth) return { ok: false, refusal: 'missing', message: 'Missing Authentication Token' };
  const [, accessKeyId, date, region, scopeService, signedList, signature] = auth;
  const signed = signedList.split(';');
  if (!signed.includes('host') || !signed.includes('x-amz-date') || scopeService !== service) {
    return { ok: false, refusal: 'incomplete', message: `The signature must cover host and x-amz-date and be scoped to the ${service} service.` };
  }
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  const stamp = parseAmzDate(amzDate);
  if (stamp === null || amzDate.slice(0, 8) !== date) return { ok: false, refusal: 'incomplete', message: 'X-Amz-Date is missing or does not match the credential scope.' };
  if (Math.abs(nowMs - stamp) > MAX_SKEW_MS) return { ok: false, refusal: 'stale', message: 'Signature expired: the request time is more than 15 minutes from the server time.' };
  const key = keys.find((k) => k.accessKeyId === accessKeyId);
  if (!key) return { ok: false, refusal: 'unknown-key', message: 'The security token included in the request is invalid.' };
  if (sigV4Signature(req, body, key.secretAccessKey, { date, region, service }, signed) !== signature) {
    return { ok: false, refusal: 'bad-signature', message: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.' };
  }
  return { ok: true, key, region };
}

/** 20261124T021500Z → epoch ms. */
function parseAmzDate(value: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : null;
}
