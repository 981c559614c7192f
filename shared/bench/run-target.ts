import type { RunTarget } from '../contract/runs';
import { targetInfo } from '../targets';

/**
 * A run's target in a few words, the same in the CLI and the UI: "local · aws-lambda" (the variant's
 * container on this machine), "local" for the plain HTTP variant, "prod (aws-lambda) v3" for a
 * deployment's published version.
 */
export function runTargetLabel(target: RunTarget): string {
  if (target.kind === 'local') return targetInfo(target.variant).kind === 'local' ? 'local' : `local · ${target.variant}`;
  return `${target.deployment} (${target.target}) v${target.version}`;
}
