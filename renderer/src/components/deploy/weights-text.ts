import type { BuiltWeights } from '../../../../shared/contract/build';
import { formatBytes } from '../../../../shared/text/bytes';

/** "sha256:0123456789abcdef…" → "sha256:0123456789ab": enough to compare by eye; the full digest goes in a title. */
export const shortDigest = (digest: string): string => digest.replace(/^(sha256:[0-9a-f]{12}).*$/, '$1');

/** "2 files, 2.0 GiB · reused" — what the weights layer holds and whether this build made it. */
export function weightsSummary(weights: BuiltWeights): string {
  return `${weights.files} file${weights.files === 1 ? '' : 's'}, ${formatBytes(weights.bytes)} · ${weights.reused ? 'reused' : 'built'}`;
}
