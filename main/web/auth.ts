import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const newSessionToken = (): string => randomBytes(24).toString('base64url');

export function tokenMatches(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Cookies are shared across ports on one host, so the name carries the port. */
export const sessionCookieName = (port: number): string => `skylift_session_${port}`;

export function sessionCookie(port: number, token: string): string {
  return `${sessionCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return cookies;
}

/** The token from the session cookie or an `Authorization: Bearer` header (scripts, tests). */
export function requestToken(req: IncomingMessage, port: number): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  return bearer ?? parseCookies(req.headers.cookie)[sessionCookieName(port)];
}

/**
 * Host names a browser may use to reach this server. Checking Host defeats DNS rebinding: a
 * hostile page whose name resolves to 127.0.0.1 still sends its own name as Host.
 */
export function allowedHosts(bindHost: string, port: number, extra: readonly string[] = []): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]', bindHost.includes(':') ? `[${bindHost}]` : bindHost, ...extra]);
  return new Set([...names].map((name) => `${name}:${port}`.toLowerCase()));
}

export function hostAllowed(req: IncomingMessage, hosts: Set<string>): boolean {
  return hosts.has((req.headers.host ?? '').toLowerCase());
}

/** A request from a page of another origin (CSRF, a hostile tab) names that origin; ours is http://<allowed host>. */
export function originAllowed(req: IncomingMessage, hosts: Set<string>): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && hosts.has(url.host.toLowerCase());
  } catch {
    return false;
  }
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
