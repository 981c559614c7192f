import type { VerifyResult } from '../../../../../shared/contract/deploy';

type VerifyCheck = VerifyResult['checks'][number];

/** Bodies kept in a verify result: an answer can be 6 MB, the result crosses IPC and is stored with the job. */
export const RESULT_BODY_LIMIT_BYTES = 64 * 1024;
/** How much of each side a difference shows. */
const SHOWN_CHARS = 80;

/** The body as stored in the result: whole when small, else its first RESULT_BODY_LIMIT_BYTES and a marker saying how much there was. */
export function capBody(body: string, limit = RESULT_BODY_LIMIT_BYTES): string {
  const bytes = Buffer.byteLength(body);
  if (bytes <= limit) return body;
  const head = Buffer.from(body).subarray(0, limit).toString('utf8');
  return `${head}\n… [cut: ${bytes.toLocaleString('en-US')} bytes in all, the first ${limit.toLocaleString('en-US')} shown]`;
}

const quote = (text: string) => JSON.stringify(text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : text);
const shown = (value: unknown) => quote(value === undefined ? 'nothing' : JSON.stringify(value) ?? String(value));

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * The first place two JSON values differ, as a path ($.scores[2]) and both sides, or null when
 * they are equal (key order aside). Each node is visited once, so cost is linear in the answer.
 */
export function firstJsonDifference(cloud: unknown, local: unknown, path = '$'): string | null {
  if (Object.is(cloud, local)) return null;
  const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  if (kind(cloud) !== kind(local) || typeof cloud !== 'object' || cloud === null) {
    return `${path}: Lambda ${shown(cloud)}, local ${shown(local)}`;
  }
  if (Array.isArray(cloud) && Array.isArray(local)) {
    for (let i = 0; i < Math.min(cloud.length, local.length); i++) {
      const inner = firstJsonDifference(cloud[i], local[i], `${path}[${i}]`);
      if (inner) return inner;
    }
    return cloud.length === local.length ? null : `${path}: Lambda has ${cloud.length} items, local ${local.length}`;
  }
  const a = cloud as Record<string, unknown>;
  const b = local as Record<string, unknown>;
  for (const key of Object.keys(a)) {
    if (!Object.hasOwn(b, key)) return `${path}.${key}: only in Lambda's answer (${shown(a[key])})`;
    const inner = firstJsonDifference(a[key], b[key], `${path}.${key}`);
    if (inner) return inner;
  }
  const extra = Object.keys(b).find((key) => !Object.hasOwn(a, key));
  return extra === undefined ? null : `${path}.${extra}: only in the local answer (${shown(b[extra])})`;
}

/** The first differing character of two texts, with a little of each side from there, or null when equal. */
export function firstTextDifference(cloud: string, local: string): string | null {
  if (cloud === local) return null;
  let i = 0;
  while (i < cloud.length && i < local.length && cloud[i] === local[i]) i++;
  return `from character ${i}: Lambda ${quote(cloud.slice(i, i + SHOWN_CHARS))}, local ${quote(local.slice(i, i + SHOWN_CHARS))} (${cloud.length} and ${local.length} characters)`;
}

/**
 * Lambda's answer against the local variant's for the same payload: as JSON when both are JSON
 * (so key order and spacing do not count), else byte for byte. Without a local answer, or when the
 * local variant failed, there is nothing to compare: a warning, not a failure of the cloud.
 */
export function compareAnswers(cloudBody: string, local: { ok: boolean; body: string } | null): VerifyCheck {
  const name = 'Same answer as the local variant';
  if (!local) return { name, status: 'warn', detail: 'No local answer to compare with: only the function\'s own health was checked.' };
  if (!local.ok) return { name, status: 'warn', detail: `The local variant failed for this payload, so there is nothing to compare with: ${quote(local.body)}.` };
  const cloud = parseJson(cloudBody);
  const mine = parseJson(local.body);
  const jsonDifference = cloud.ok && mine.ok ? walkJson(cloud.value, mine.value) : 'not-json';
  if (jsonDifference !== 'not-json') {
    const difference = jsonDifference;
    return difference === null
      ? { name, status: 'pass', detail: `Lambda answered the same JSON as the local variant (${Buffer.byteLength(cloudBody).toLocaleString('en-US')} bytes).` }
      : { name, status: 'fail', detail: `The answers differ at ${difference}.` };
  }
  const difference = firstTextDifference(cloudBody, local.body);
  return difference === null
    ? { name, status: 'pass', detail: `Lambda answered the same ${Buffer.byteLength(cloudBody).toLocaleString('en-US')} bytes as the local variant.` }
    : { name, status: 'fail', detail: `The answers differ ${difference}.` };
}

/** firstJsonDifference, or 'not-json' when the answer nests deeper than the stack allows (then bytes are compared). */
function walkJson(cloud: unknown, local: unknown): string | null | 'not-json' {
  try {
    return firstJsonDifference(cloud, local);
  } catch (error) {
    if (error instanceof RangeError) return 'not-json';
    throw error;
  }
}
