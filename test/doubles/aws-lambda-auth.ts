import type http from 'node:http';
import { checkSigV4, type AwsTestKey, type SigV4Refusal } from './aws-auth';
import type { WireRequest } from './aws-model';

/** Lambda's answer for each way a signature fails (restJson1 error names, all 403). */
const LAMBDA_REFUSAL: Record<SigV4Refusal, string> = {
  missing: 'MissingAuthenticationTokenException',
  incomplete: 'IncompleteSignatureException',
  stale: 'InvalidSignatureException',
  'unknown-key': 'UnrecognizedClientException',
  'bad-signature': 'InvalidSignatureException',
};

/**
 * The doubles' shared SigV4 check (aws-auth.ts) on the canonical URI AWS signs outside S3: each
 * path segment encoded once more (the SDK and the AWS CLI sign `arn%253A…` for a path holding
 * `arn%3A…`), so a function named by its ARN is checked as Lambda checks it.
 */
export function checkLambdaSigV4(req: WireRequest, keys: readonly AwsTestKey[], nowMs: number): { key: AwsTestKey } | { status: number; code: string; message: string } {
  const url = new URL(req.url, 'http://double');
  const path = url.pathname.split('/').map(encodeSegment).join('/');
  const signedAs = { method: req.method, url: `${path}${url.search}`, headers: req.headers } as http.IncomingMessage;
  const outcome = checkSigV4(signedAs, req.body, keys, 'lambda', nowMs);
  return outcome.ok ? { key: outcome.key } : { status: 403, code: LAMBDA_REFUSAL[outcome.refusal], message: outcome.message };
}

function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
