/**
 * Scrubs secrets from text before it is logged, stored as a job event, shown as an error or
 * exported. Two nets: every secret value this process has handled (remembered when a profile's
 * secret is written or read), and patterns that recognise secrets Skylift never saw — keys pasted
 * into a build log, tokens echoed by an SDK.
 *
 * Cost stays linear in the text: this runs on every log line and every response Skylift shows, and
 * an adversarial one (a megabyte of base64url, `eyJ-eyJ-…`, `secretsecret…`) must not stall it. So
 * no pattern starts a backtracking scan inside a run it already scanned: keys are matched from the
 * start of their run only and taken whole, and JWTs and PEM keys are found by hand-written scans.
 */
import { maskJwts } from './redact-jwt';
import { maskPemKeys } from './redact-pem';

export const MASK = '[redacted]';
/** Shorter strings are too likely to be ordinary words to replace everywhere. */
const MIN_KNOWN_LENGTH = 8;

const SECRET_KEY_WORDS = 'secret|password|passwd|session[_-]?token|security[_-]?token|access[_-]?token|api[_-]?key|account[_-]?key|client[_-]?assertion';

interface Rule {
  /** A cheap test that rules the pattern out for most text before the regex runs. */
  mayMatch: (text: string) => boolean;
  /** A named group `keep` is left in place and only the rest of the match is masked. */
  pattern: RegExp;
}

const RULES: readonly Rule[] = [
  // Authorization headers of any scheme.
  { mayMatch: () => true, pattern: /(?<keep>\bauthorization\s*[:=]\s*)(?:bearer\s+|basic\s+|aws4-hmac-sha256\s+)?[^\s"',]+/gi },
  // key = value pairs naming a secret: aws_secret_access_key, client_secret, sessionToken, password...
  // The key starts where its run of [\w-] starts (not at every \b inside it), the lookahead finds the
  // secret word within that run, and `(?=(…))\2` takes the run whole (an atomic group), so a long
  // run is scanned a bounded number of times instead of once per position.
  {
    mayMatch: (t) => t.includes('=') || t.includes(':'),
    pattern: new RegExp(`(?<![\\w-])(?=[\\w-]*?(?:${SECRET_KEY_WORDS}))(?<keep>(?=([\\w-]+))\\2["']?\\s*[:=]\\s*["']?)[^\\s"'&,;]{6}[^\\s"'&,;]*`, 'gi'),
  },
  // Azure AD client secrets (the Q~ form Entra issues); the quantifiers are bounded, so linear.
  { mayMatch: (t) => t.includes('Q~'), pattern: /\b[\w.~-]{3}\dQ~[\w.~-]{31,34}\b/g },
  // SAS signatures and storage connection-string keys. (`{16}` then `*`, not `{16,}`: V8 keeps a
  // backtrack entry per character of a `{n,}` loop and overflows its stack on a 10 MB value.)
  { mayMatch: () => true, pattern: /(?<keep>\bsig=)[\w%+/=]{16}[\w%+/=]*/gi },
];

const maskMatch = (...args: unknown[]): string => {
  const groups = args[args.length - 1] as { keep?: string } | undefined;
  return typeof groups === 'object' && groups?.keep !== undefined ? `${groups.keep}${MASK}` : MASK;
};

export class Redactor {
  /** Longest first, so a secret that contains another is masked whole; kept sorted here, not per line. */
  private known: string[] = [];

  /** Remember a secret value so it is scrubbed wherever it shows up later. */
  remember(...values: Array<string | undefined | null>): void {
    const fresh = values.filter((v): v is string => Boolean(v) && v!.length >= MIN_KNOWN_LENGTH && !this.known.includes(v!));
    if (fresh.length > 0) this.known = [...new Set([...this.known, ...fresh])].sort((a, b) => b.length - a.length);
  }

  redact = (text: string): string => {
    let out = text;
    // One indexOf scan per remembered value; the split only happens where the value is present.
    for (const value of this.known) if (out.includes(value)) out = out.split(value).join(MASK);
    out = maskPemKeys(out, MASK);
    out = maskJwts(out, MASK);
    return maskPatterns(out, RULES);
  };
}

function maskPatterns(text: string, rules: readonly Rule[]): string {
  let out = text;
  for (const rule of rules) if (rule.mayMatch(out)) out = out.replace(rule.pattern, maskMatch);
  return out;
}

/** Every string inside a value (an event, an error's details) scrubbed; the shape is kept. */
export function redactDeep<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redact)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, redact)])) as T;
  }
  return value;
}

/** `AKIAIOSFODNN7EXAMPLE` → `AKIA…MPLE`: enough to tell keys apart, not enough to use one. */
export function maskKeyId(keyId: string): string {
  return keyId.length <= 8 ? '…' : `${keyId.slice(0, 4)}…${keyId.slice(-4)}`;
}

/** One per process: the app, browser mode and the CLI each scrub with what they have handled. */
export const redactor = new Redactor();
