import { skylift } from '../../api/client';
import type { DeployJobModel } from '../../hooks/use-deploy-job';
import type { DeployPlanModel } from '../../hooks/use-deploy-plan';
import { ErrorAlert } from '../ErrorAlert';
import { LogView } from '../log/LogView';
import { Panel } from '../Panel';
import { JobFailure } from '../test/JobFailure';
import { JobSteps } from './JobSteps';
import { isStalePlan } from './publish-format';

interface ApplyPanelProps {
  planner: DeployPlanModel;
  publish: DeployJobModel<'deploy'>;
}

/** Step two: apply the plan that was read (its fingerprint), with live progress, and what is live after. */
export function ApplyPanel({ planner, publish }: ApplyPanelProps) {
  const { plan } = planner;
  const { snapshot, job, result } = publish;
  const blockedBy = !plan ? 'Make a plan first.' : plan.roleNeeded ? 'Choose the execution role in the plan first.' : !plan.changes ? 'Nothing to publish.' : null;
  const start = () => {
    if (!plan || blockedBy || publish.active || publish.busy) return;
    void publish.start(() => skylift.api.deploy.apply({ dir: plan.dir, deployment: plan.deployment, fingerprint: plan.fingerprint, ...(planner.role ? { role: planner.role } : {}) }));
  };
  const stale = isStalePlan({ code: publish.errorCode ?? '' });
  const failed = job?.state === 'failed' || publish.failure !== null;

  return (
    <Panel title="Publish" className="publish-apply">
      <div className="form-actions">
        <button type="button" className="button button-primary" data-testid="publish-apply" disabled={blockedBy !== null || publish.active}
          title={blockedBy ?? undefined} aria-busy={publish.busy === 'start'} onClick={start}>
          {publish.active ? 'Publishing…' : 'Publish'}
        </button>
        {publish.active && (
          <button type="button" className="button" data-testid="publish-cancel" onClick={() => void publish.stop()}>
            Cancel
          </button>
        )}
        {blockedBy && <span className="field-hint">{blockedBy}</span>}
      </div>
      {publish.failure && <ErrorAlert error={publish.failure.error} title="Not published" testId="publish-start-error" />}
      {snapshot && job && (
        <section className="publish-job" aria-label="Latest publish">
          <JobSteps snapshot={snapshot} label="Publish progress" testId="publish-progress" />
          {stale ? (
            <div className="alert alert-error" role="alert" data-testid="publish-stale">
              <p className="alert-title">The cloud changed since this plan</p>
              <p>Nothing was changed. Plan again to read what publishing would do now, then publish that.</p>
            </div>
          ) : (
            <JobFailure job={job} title="Publish failed" testId="publish-error" />
          )}
          {failed && (
            <button type="button" className="button" data-testid="publish-replan" onClick={() => void planner.makePlan()}>
              Plan again
            </button>
          )}
          {job.state === 'cancelled' && <p className="alert alert-info" role="status">Cancelled. Plan again to see the state the function was left in.</p>}
          {result && (
            <p className="alert alert-ok" role="status" data-testid="publish-result">
              {result.unchanged ? 'Already live: ' : 'Published: '}version <strong data-testid="publish-version">{result.version}</strong> is live behind alias{' '}
              <code>{result.alias}</code>
              {result.previousVersion ? ` (was ${result.previousVersion})` : ''}. Image <code title={result.imageUri}>{result.imageDigest.slice(0, 19)}</code>.
            </p>
          )}
          <div className="log-compact">
            <LogView lines={snapshot.lines} count={snapshot.lineCount} label="Publish log" testId="publish-log" emptyText={snapshot.replaying ? 'Reading the log…' : 'Waiting for output…'} />
          </div>
        </section>
      )}
    </Panel>
  );
}
