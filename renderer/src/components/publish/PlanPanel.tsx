import type { DeployPlanModel } from '../../hooks/use-deploy-plan';
import { ErrorAlert } from '../ErrorAlert';
import { Panel } from '../Panel';
import { PlanView } from './PlanView';

interface PlanPanelProps {
  planner: DeployPlanModel;
}

/** Step one of publishing: read what would change before anything does. */
export function PlanPanel({ planner }: PlanPanelProps) {
  const { plan, failure, busy, role, offeredRole } = planner;
  const roleNeeded = plan?.roleNeeded ?? null;
  return (
    <Panel title="Plan" className="publish-plan-panel">
      <p className="field-hint">Observes the function, its alias and the image repository; changes nothing.</p>
      <div className="form-actions">
        <button type="button" className="button button-primary" data-testid="publish-plan" aria-busy={busy} aria-disabled={busy}
          onClick={() => void planner.makePlan()}>
          {busy ? 'Planning…' : plan ? 'Plan again' : 'Plan'}
        </button>
        {role?.mode === 'create' && <span className="muted">With a new role{offeredRole ? `, ${offeredRole}` : ''}.</span>}
      </div>
      {failure && <ErrorAlert error={failure} title="No plan" testId="plan-error" />}
      {plan && <PlanView plan={plan} />}
      {roleNeeded && (
        <div className="alert alert-info" data-testid="plan-role-offer">
          <p>
            Let Skylift create <code>{roleNeeded.createName}</code> (trusts Lambda, basic execution policy only), or name a role in skylift.yaml (<code>role: arn:aws:iam::…</code>).
          </p>
          <button type="button" className="button button-primary" data-testid="plan-create-role" aria-busy={busy} onClick={() => void planner.createRole()}>
            Create role {roleNeeded.createName}
          </button>
        </div>
      )}
    </Panel>
  );
}
