import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const newSessionToken = (): string => randomBytes(24).toString('base64url');

export function tokenMatches(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What a request may show: the URL token (printed by `skylift serve`) or the session cookie's secret. */
export interface Credentials {
  token: string;
  /** Made at each start and sent only as the cookie's value, never equal to the token. */
  sessionSecret: string;
}

/** Cookies ignore ports, so one host's servers share them: the name carries the port so two servers don't clobber each other. */
export const sessionCookieName = (port: number): string => `skylift_session_${port}`;

/**
 * Browsers send 127.0.0.1's cookies to every port on it, so another local server can read this
 * one: its value is a session secret, not the token, and it is as narrow as plain HTTP allows
 * (HttpOnly, SameSite=Strict, host-only with no Domain, Path=/; `__Host-` and Secure need HTTPS).
 */
export function sessionCookie(port: number, sessionSecret: string): string {
  return `${sessionCookieName(port)}=${sessionSecret}; HttpOnly; SameSite=Strict; Path=/`;
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return cookies;
}

/** A script or test shows the token as `Authorization: Bearer`; a browser shows the session cookie. */
export function requestAuthorized(req: IncomingMessage, port: number, credentials: Credentials): boolean {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (bearer !== undefined) return tokenMatches(bearer, credentials.token);
  return tokenMatches(parseCookies(req.headers.cookie)[sessionCookieName(port)], credentials.sessionSecret);
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
