import { redactor } from '../../../redact';
import type { RegistryCredentials } from './push-image';

/** Each registry request answers within this, or fails: a registry that accepts and never answers is not a hang. */
export const REGISTRY_REQUEST_TIMEOUT_MS = 30_000;
/** Manifests are small (the distribution spec caps them at 4 MB); more than this is not a manifest. */
export const REGISTRY_BODY_LIMIT = 4 * 1024 * 1024;

export interface RegistryResponse {
  status: number;
  contentType: string;
  body: Buffer;
}

/**
 * Docker's own rule: loopback registries speak plain HTTP (127.0.0.0/8 is insecure by default in the
 * engine), everything else — ECR included — HTTPS.
 */
export function registryBaseUrl(host: string): string {
  const hostname = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  const loopback = hostname === 'localhost' || /^127\./.test(hostname) || hostname === '::1';
  return `${loopback ? 'http' : 'https'}://${host}`;
}

/**
 * A GET against the registry's HTTP API v2 with the push's credentials. Answers the registry's
 * challenge: Basic (ECR, htpasswd registries) by sending the credentials, Bearer (token servers)
 * by fetching a token from the realm with them.
 */
export async function registryGet(registry: RegistryCredentials, path: string, accept: string[], signal?: AbortSignal): Promise<RegistryResponse> {
  redactor.remember(registry.password);
  const url = `${registryBaseUrl(registry.host)}${path}`;
  const first = await timedFetch(url, { accept: accept.join(', ') }, signal);
  if (first.status !== 401) return first;
  const challenge = first.headers.get('www-authenticate') ?? '';
  const authorization = await answerChallenge(challenge, registry, signal);
  return timedFetch(url, { accept: accept.join(', '), authorization }, signal);
}

async function answerChallenge(challenge: string, registry: RegistryCredentials, signal?: AbortSignal): Promise<string> {
  const basic = `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}`;
  if (!/^bearer\s/i.test(challenge)) return basic;
  const params = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1].toLowerCase(), m[2]]));
  if (!params.realm) return basic;
  const tokenUrl = new URL(params.realm);
  if (params.service) tokenUrl.searchParams.set('service', params.service);
  if (params.scope) tokenUrl.searchParams.set('scope', params.scope);
  const answer = await timedFetch(tokenUrl.toString(), { authorization: basic }, signal);
  const token = parseToken(answer.body);
  if (answer.status !== 200 || !token) throw new Error(`the registry's token server answered ${answer.status}`);
  redactor.remember(token);
  return `Bearer ${token}`;
}

function parseToken(body: Buffer): string | null {
  try {
    const json = JSON.parse(body.toString('utf8')) as { token?: unknown; access_token?: unknown };
    const token = json.token ?? json.access_token;
    return typeof token === 'string' && token ? token : null;
  } catch {
    return null;
  }
}

async function timedFetch(url: string, headers: Record<string, string>, signal?: AbortSignal): Promise<RegistryResponse & { headers: Headers }> {
  const deadline = AbortSignal.timeout(REGISTRY_REQUEST_TIMEOUT_MS);
  const response = await fetch(url, { headers, signal: signal ? AbortSignal.any([signal, deadline]) : deadline });
  const body = await readLimited(response);
  return { status: response.status, contentType: (response.headers.get('content-type') ?? '').split(';')[0].trim(), body, headers: response.headers };
}

/** Reads at most REGISTRY_BODY_LIMIT bytes, so a hostile or broken registry cannot fill memory. */
async function readLimited(response: Response): Promise<Buffer> {
  if (!response.body) return Buffer.alloc(0);
  // A reader rather than `for await`: the DOM typings (the e2e helpers' tsconfig) give web streams no async iterator.
  const reader = response.body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > REGISTRY_BODY_LIMIT) {
      await reader.cancel().catch(() => undefined);
      throw new Error(`the registry's answer is larger than ${REGISTRY_BODY_LIMIT} bytes`);
    }
    chunks.push(Buffer.from(read.value));
  }
  return Buffer.concat(chunks);
}
