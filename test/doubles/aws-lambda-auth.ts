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

/** The doubles' shared SigV4 check (aws-auth.ts, sigv4.ts) on a Lambda request, refused in Lambda's own error names. */
export function checkLambdaSigV4(req: WireRequest, keys: readonly AwsTestKey[], nowMs: number): { key: AwsTestKey } | { status: number; code: string; message: string } {
  const signed = { method: req.method, url: req.url, headers: req.headers } as http.IncomingMessage;
  const outcome = checkSigV4(signed, req.body, keys, 'lambda', nowMs);
  return outcome.ok ? { key: outcome.key } : { status: 403, code: LAMBDA_REFUSAL[outcome.refusal], message: outcome.message };
}
