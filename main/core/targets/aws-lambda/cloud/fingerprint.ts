import { createHash } from 'node:crypto';
import type { Observed, WantedShape } from './shape';

/** JSON with object keys sorted at every depth, so equal facts always give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * A digest of everything apply depends on: the function's revision and configuration, the alias,
 * the versions, the repository, the role, the local image and the wanted settings. Transient
 * states (Pending, InProgress) are left out: they settle without the cloud changing. Environment
 * values are in the digest, never in the plan text.
 */
export function planFingerprint(observed: Observed, wanted: WantedShape): string {
  const fn = observed.fn && { arn: observed.fn.arn, revisionId: observed.fn.revisionId, codeSha256: observed.fn.codeSha256, imageUri: observed.fn.imageUri, shape: observed.fn.shape };
  const facts = {
    account: observed.account,
    repository: observed.repository,
    image: observed.image,
    fn,
    alias: observed.alias,
    versions: observed.versions,
    role: observed.role,
    wanted,
  };
  return `sha256:${createHash('sha256').update(canonicalJson(facts)).digest('hex')}`;
}
