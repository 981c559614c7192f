import type { DeployPlan } from '../../../../shared/contract';
import { formatWhen } from '../runs/run-format';
import { PlanLines } from './PlanLines';
import { pushSummary } from './publish-format';

/** What publishing would change: where, the lines, the push and anything to know first. */
export function PlanView({ plan }: { plan: DeployPlan }) {
  return (
    <section className="publish-plan" aria-label="Plan" data-testid="plan-view">
      <p className="publish-where">
        {plan.functionName} (alias <code>{plan.alias}</code>) in account <code>{plan.account}</code>, {plan.region}, as profile <code>{plan.profile}</code>;
        observed {formatWhen(plan.observedAt)}.
      </p>
      <PlanLines lines={plan.lines} testId="plan-lines" label={`What publishing ${plan.deployment} would change`} />
      <p data-testid="plan-push">{pushSummary(plan.push)}</p>
      {plan.warnings.length > 0 && (
        <ul className="alert alert-warning plan-warnings" data-testid="plan-warnings">
          {plan.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      {!plan.changes && (
        <p className="alert alert-ok" role="status" data-testid="plan-no-changes">
          Nothing to publish: the alias already serves this image with these settings.
        </p>
      )}
    </section>
  );
}
