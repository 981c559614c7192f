import type { TestOutcome } from '../../../shared/contract';

/** What a failed connection test tells the user: one of a few things they can act on. */
export type Failure = Omit<Extract<TestOutcome, { ok: false }>, 'ok' | 'at'>;

export const ConnectionCode = {
  InvalidKey: 'INVALID_KEY',
  ExpiredSession: 'EXPIRED_SESSION',
  WrongTenant: 'WRONG_TENANT',
  ClockSkew: 'CLOCK_SKEW',
  Unreachable: 'ENDPOINT_UNREACHABLE',
  PermissionDenied: 'PERMISSION_DENIED',
  ProfileInvalid: 'PROFILE_INVALID',
  Unknown: 'CONNECTION_FAILED',
} as const;

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET']);
const TLS_CODES = /^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|CERT_HAS_EXPIRED|ERR_TLS_CERT_ALTNAME_INVALID)$/;

/** Network failures read the same from every SDK: walk the cause chain for a system error code. */
export function unreachable(error: unknown, endpoint: string): Failure | null {
  for (let e: unknown = error, i = 0; e && i < 6; e = (e as { cause?: unknown }).cause, i++) {
    const code = String((e as { code?: unknown }).code ?? '');
    const name = String((e as { name?: unknown }).name ?? '');
    if (NETWORK_CODES.has(code) || name === 'TimeoutError' || /ECONNREFUSED|ENOTFOUND|getaddrinfo|socket hang up|^fetch failed$/.test(String((e as Error).message))) {
      return { code: ConnectionCode.Unreachable, message: `Could not reach ${endpoint} (${code || name || 'no answer'}).`, hint: 'Check the network, a proxy or VPN, and the endpoint override in this profile.' };
    }
    if (TLS_CODES.test(code)) {
      return { code: ConnectionCode.Unreachable, message: `${endpoint} answered with a certificate this machine does not trust (${code}).`, hint: 'If a proxy or a private endpoint uses its own certificate authority, point NODE_EXTRA_CA_CERTS at it and restart Skylift.' };
    }
  }
  return null;
}

/** The first line of an SDK message, without request ids or trailing detail. */
export function firstLine(text: string): string {
  return text.split('\n', 1)[0].trim().slice(0, 300);
}
