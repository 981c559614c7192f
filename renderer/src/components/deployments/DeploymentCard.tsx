import { useEffect } from 'react';
import type { DeploymentSummary } from '../../../../shared/contract';
import { TARGET_INFO } from '../../../../shared/targets';
import { useDeployJob } from '../../hooks/use-deploy-job';
import { Facts } from '../Facts';
import { RollbackButton } from '../publish/RollbackButton';
import { shortDigest } from '../publish/publish-format';
import { formatWhen } from '../runs/run-format';
import { DeploymentHistory } from './DeploymentHistory';
import { DestroyPanel } from './DestroyPanel';

/** One deployment: where it is, what is live, its releases, and the ways back (roll back) and out (destroy). */
export function DeploymentCard({ deployment, onChanged }: { deployment: DeploymentSummary; onChanged: () => void }) {
  const { dir, name, live } = deployment;
  const rollback = useDeployJob('rollback', `deployments.rollback-job.${dir}.${name}`);
  const movedTo = rollback.result?.toVersion;
  useEffect(() => {
    if (movedTo) onChanged();
  }, [movedTo]);

  return (
    <section className="panel deployment-card" aria-label={`Deployment ${name}`} data-testid={`deployment-${name}`}>
      <h2 className="panel-title">{name}</h2>
      <Facts
        facts={[
          { label: 'Target', value: TARGET_INFO[deployment.target].label },
          { label: 'Profile', value: deployment.profile, code: true },
          { label: 'Region', value: deployment.region, code: true },
          { label: 'Function', value: deployment.functionName, code: true },
          { label: 'Alias', value: deployment.alias, code: true },
          { label: 'Live version', value: live ? live.version : 'not published', testId: `deployment-live-${name}` },
          ...(live
            ? [
                { label: 'Image', value: <span title={live.imageDigest}>{shortDigest(live.imageDigest)}</span>, code: true },
                { label: 'Deployed', value: formatWhen(live.deployedAt) },
              ]
            : []),
        ]}
      />
      <DeploymentHistory dir={dir} name={name} liveVersion={live?.version ?? null} key={live?.version ?? 'none'} />
      {/* Destroy stays after the deployment is gone: its result says what was removed, and a later plan finds what is left. */}
      <div className="deployment-actions">
        {live && <RollbackButton dir={dir} deployment={name} rollback={rollback} label="Roll back to the previous version" />}
        <DestroyPanel dir={dir} name={name} onDone={onChanged} />
      </div>
    </section>
  );
}
