/**
 * Scrubs secrets from text before it is logged, stored as a job event, shown as an error or
 * exported. Two nets: every secret value this process has handled (remembered when a profile's
 * secret is written or read), and patterns that recognise secrets Skylift never saw — keys pasted
 * into a build log, tokens echoed by an SDK.
 */
const MASK = '[redacted]';
/** Shorter strings are too likely to be ordinary words to replace everywhere. */
const MIN_KNOWN_LENGTH = 8;

const PATTERNS: readonly RegExp[] = [
  // PEM private keys, whole blocks.
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  // JWTs (Entra ID and ARM bearer tokens).
  /\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/g,
  // Authorization headers of any scheme.
  /(\bauthorization\s*[:=]\s*)(bearer\s+|basic\s+|aws4-hmac-sha256\s+)?[^\s"',]+/gi,
  // key = value pairs naming a secret: aws_secret_access_key, client_secret, sessionToken, password...
  /(\b[\w-]*(secret|password|passwd|session[_-]?token|security[_-]?token|access[_-]?token|api[_-]?key|account[_-]?key|client[_-]?assertion)[\w-]*["']?\s*[:=]\s*["']?)[^\s"'&,;]{6,}/gi,
  // Azure AD client secrets (the Q~ form Entra issues).
  /\b[\w.~-]{3}\dQ~[\w.~-]{31,34}\b/g,
  // SAS signatures and storage connection-string keys.
  /(\bsig=)[\w%+/=]{16,}/gi,
];

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
    for (const value of this.known) out = out.split(value).join(MASK);
    for (const pattern of PATTERNS) out = out.replace(pattern, (match, prefix?: string) => (typeof prefix === 'string' && match.startsWith(prefix) && prefix.length < match.length ? `${prefix}${MASK}` : MASK));
    return out;
  };
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
