import { useEffect, useState } from 'react';
import type { DestroyPlan } from '../../../../shared/contract';
import { skylift } from '../../api/client';
import { useDeployJob } from '../../hooks/use-deploy-job';
import { toFailure, type PlanFailure } from '../../hooks/use-deploy-plan';
import { CheckboxField } from '../CheckboxField';
import { ConfirmDelete } from '../ConfirmDelete';
import { ErrorAlert } from '../ErrorAlert';
import { PlanLines } from '../publish/PlanLines';
import { JobFailure } from '../test/JobFailure';
import { JobSteps } from '../publish/JobSteps';

/** Destroy a deployment: read what would be removed first, then confirm with a second click; follow the job. */
export function DestroyPanel({ dir, name, onDone }: { dir: string; name: string; onDone: () => void }) {
  const destroy = useDeployJob('destroy', `deployments.destroy-job.${dir}.${name}`);
  const [images, setImages] = useState(false);
  const [plan, setPlan] = useState<DestroyPlan | null>(null);
  const [failure, setFailure] = useState<PlanFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const deleted = destroy.result?.deleted.length;
  useEffect(() => {
    if (deleted !== undefined) onDone();
  }, [deleted]);

  async function makePlan() {
    setBusy(true);
    setFailure(null);
    try {
      setPlan(await skylift.api.deploy.destroyPlan({ dir, deployment: name, images }));
    } catch (error) {
      setFailure(toFailure(error));
    } finally {
      setBusy(false);
    }
  }
  const confirm = async () => {
    if (!plan) return;
    await destroy.start(() => skylift.api.deploy.destroy({ dir, deployment: name, images, fingerprint: plan.fingerprint }));
    setPlan(null);
  };

  return (
    <div className="destroy-panel" data-testid={`destroy-${name}`}>
      <div className="form-actions">
        <CheckboxField label="Also delete the images Skylift pushed" checked={images} onChange={(on) => { setImages(on); setPlan(null); }} />
        <button type="button" className="button" data-testid={`destroy-plan-${name}`} aria-busy={busy} disabled={destroy.active} onClick={() => void makePlan()}>
          {busy ? 'Reading…' : 'Destroy…'}
        </button>
      </div>
      {failure && <ErrorAlert error={failure} title="No destroy plan" testId="destroy-plan-error" />}
      {plan && (
        <section aria-label={`What destroying ${name} would remove`}>
          <PlanLines lines={plan.lines} testId="destroy-plan-lines" label={`What destroying ${name} would remove`} />
          {plan.warnings.map((warning) => (
            <p key={warning} className="alert alert-warning">{warning}</p>
          ))}
          {plan.changes ? (
            <ConfirmDelete triggerLabel="Destroy" testId="destroy-apply" groupLabel={`Confirm destroying ${name}`} onConfirm={confirm}
              question={<>Remove the lines above from {plan.region}? This cannot be undone.</>} />
          ) : (
            <p className="muted">Nothing Skylift created is left to remove.</p>
          )}
        </section>
      )}
      {destroy.failure && <ErrorAlert error={destroy.failure.error} title="Not destroyed" testId="destroy-start-error" />}
      {destroy.snapshot && destroy.job && (
        <>
          {destroy.active && <JobSteps snapshot={destroy.snapshot} label="Destroy progress" testId="destroy-progress" />}
          <JobFailure job={destroy.job} title="Destroy failed" testId="destroy-error" />
          {destroy.result && (
            <p className="alert alert-ok" role="status" data-testid="destroy-result">
              Removed: {destroy.result.deleted.join(', ') || 'nothing'}.
            </p>
          )}
        </>
      )}
    </div>
  );
}
