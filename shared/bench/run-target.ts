import type { RunTarget } from '../contract/runs';
import { targetInfo } from '../targets';

/**
 * A run's target in a few words, the one label the CLI and the UI print: "local · aws-lambda" (the
 * variant's container on this machine), "local" for the plain HTTP variant, "AWS Lambda · prod v3"
 * for a deployment's published version.
 */
export function runTargetLabel(target: RunTarget): string {
  if (target.kind === 'local') return targetInfo(target.variant).kind === 'local' ? 'local' : `local · ${target.variant}`;
  return `${targetInfo(target.target).label} · ${target.deployment} v${target.version}`;
}
