import type { DeployPlanModel } from '../../hooks/use-deploy-plan';
import { ErrorAlert } from '../ErrorAlert';
import { Panel } from '../Panel';
import { needsRole, planAsksForRole } from './publish-format';
import { PlanView } from './PlanView';

interface PlanPanelProps {
  planner: DeployPlanModel;
  /** skylift-<project>: the role Skylift offers to create. */
  roleName: string;
}

/** Step one of publishing: read what would change before anything does. */
export function PlanPanel({ planner, roleName }: PlanPanelProps) {
  const { plan, failure, busy, role } = planner;
  return (
    <Panel title="Plan" className="publish-plan-panel">
      <p className="field-hint">Observes the function, its alias and the image repository; changes nothing.</p>
      <div className="form-actions">
        <button type="button" className="button button-primary" data-testid="publish-plan" aria-busy={busy} aria-disabled={busy}
          onClick={() => void planner.makePlan()}>
          {busy ? 'Planning…' : plan ? 'Plan again' : 'Plan'}
        </button>
        {role?.mode === 'create' && <span className="muted">With a new role, {roleName}.</span>}
      </div>
      {failure && (
        <ErrorAlert error={failure} title="No plan" testId="plan-error">
          {needsRole(failure) && (
            <>
              <p>Skylift can create <code>{roleName}</code>, trusting Lambda, with only the basic execution policy (logs). It is created when you publish.</p>
              <button type="button" className="button button-primary" data-testid="plan-create-role" aria-busy={busy} onClick={() => void planner.createRole()}>
                Create role {roleName}
              </button>
            </>
          )}
        </ErrorAlert>
      )}
      {plan && <PlanView plan={plan} />}
      {plan && planAsksForRole(plan) && (
        <div className="alert alert-info" data-testid="plan-role-offer">
          <p>
            Let Skylift create <code>{roleName}</code> (trusts Lambda, basic execution policy only), or name a role in skylift.yaml (<code>role: arn:aws:iam::…</code>).
          </p>
          <button type="button" className="button button-primary" data-testid="plan-create-role" aria-busy={busy} onClick={() => void planner.createRole()}>
            Create role {roleName}
          </button>
        </div>
      )}
    </Panel>
  );
}
