import type { BuiltWeights } from '../../../../shared/contract/build';
import { shortDigest, weightsSummary } from './weights-text';

/** The weights layer's digest (same bytes, same digest on any machine) and whether this build reused it. */
export function WeightsLayer({ weights, testId }: { weights: BuiltWeights; testId: string }) {
  return (
    <span data-testid={testId}>
      <code title={`${weights.layerDigest}\n${weights.image}`}>{shortDigest(weights.layerDigest)}</code> <span className="muted">{weightsSummary(weights)}</span>
    </span>
  );
}
