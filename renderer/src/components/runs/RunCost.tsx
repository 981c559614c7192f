import type { LambdaCostBreakdown } from '../../../../shared/cloud/lambda-cost';
import { costParts, costSource, formatUsd } from '../publish/publish-format';

/** A table cell's worth of cost: the total per 1M inferences, its breakdown and prices in the title. */
export function RunCostCell({ cost }: { cost: LambdaCostBreakdown | null }) {
  if (!cost) return <span title="Only Lambda runs with REPORT figures are priced">–</span>;
  return (
    <span title={`${costParts(cost)}. ${costSource(cost)}`}>
      {formatUsd(cost.perMillion.total)}
      {!cost.complete && <span aria-label="incomplete"> *</span>}
    </span>
  );
}

/** A run's cost per 1M inferences with its breakdown, what it rests on, and where the prices come from. */
export function RunCostFact({ cost }: { cost: LambdaCostBreakdown }) {
  const { basis } = cost;
  return (
    <span data-testid="run-cost">
      <strong>{formatUsd(cost.perMillion.total)}</strong>
      <span className="run-cost-parts">{costParts(cost)}</span>
      <details className="run-cost-source">
        <summary>How it is priced</summary>
        <p>
          {basis.memoryMb} MB, mean billed {basis.meanInvokeBilledMs.toFixed(1)} ms per invoke, {(basis.coldShare * 100).toFixed(1)}% cold (
          {basis.coldShareFrom === 'measured' ? `${basis.coldSamples} of ${basis.samples} samples` : 'given'}), mean init billed {basis.meanInitBilledMs.toFixed(0)} ms.
        </p>
        <p>{costSource(cost)}.</p>
      </details>
    </span>
  );
}
