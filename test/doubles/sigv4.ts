import crypto from 'node:crypto';
import type http from 'node:http';

/**
 * SigV4 recomputed the way AWS's servers do, written from the published algorithm rather than
 * taken from the SDK, so the double catches a client that signs with the wrong secret.
 * Covers what the doubles receive: a path, a query string, a body. The canonical URI is the
 * one every service but S3 signs: each path segment encoded once more (the SDK and the AWS CLI
 * sign `arn%253A…` for a path holding `arn%3A…`), so a Lambda function named by its ARN checks.
 */
export function sigV4Signature(req: http.IncomingMessage, body: Buffer, secretAccessKey: string, scope: { date: string; region: string; service: string }, signedHeaders: string[]): string {
  const url = new URL(req.url ?? '/', 'http://double');
  const query = [...url.searchParams.entries()]
    .map(([k, v]) => [encode(k), encode(v)])
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const headers = signedHeaders.map((name) => `${name}:${headerValue(req, name)}\n`).join('');
  const path = url.pathname.split('/').map(encode).join('/');
  const canonical = [req.method, path, query, headers, signedHeaders.join(';'), sha256(body)].join('\n');
  const credentialScope = `${scope.date}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', String(req.headers['x-amz-date']), credentialScope, sha256(canonical)].join('\n');
  let key: Buffer = hmac(`AWS4${secretAccessKey}`, scope.date);
  for (const part of [scope.region, scope.service, 'aws4_request']) key = hmac(key, part);
  return hmac(key, stringToSign).toString('hex');
}

function headerValue(req: http.IncomingMessage, name: string): string {
  const raw = req.headers[name];
  return (Array.isArray(raw) ? raw.join(',') : (raw ?? '')).trim().replace(/\s+/g, ' ');
}

/** RFC 3986 encoding, as SigV4 asks for: encodeURIComponent leaves !'()* as they are. */
function encode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const sha256 = (data: string | Buffer) => crypto.createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => crypto.createHmac('sha256', key).update(data).digest();
