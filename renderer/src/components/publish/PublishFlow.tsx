import { useEffect } from 'react';
import { useDeployJob } from '../../hooks/use-deploy-job';
import { useDeployPlan } from '../../hooks/use-deploy-plan';
import { ApplyPanel } from './ApplyPanel';
import { CloudBenchPanel } from './CloudBenchPanel';
import { PlanPanel } from './PlanPanel';
import { VerifyPanel } from './VerifyPanel';

interface PublishFlowProps {
  dir: string;
  deployment: string;
  /** Something went live: the deployments list shows the new version. */
  onPublished: () => void;
}

/** Plan → Publish → Verify → Bench in the cloud, for one deployment. */
export function PublishFlow({ dir, deployment, onPublished }: PublishFlowProps) {
  const planner = useDeployPlan(dir, deployment);
  const publish = useDeployJob('deploy', `deploy.publish-job.${dir}.${deployment}`);
  const publishedVersion = publish.result?.version;
  useEffect(() => {
    if (publishedVersion) onPublished();
  }, [publishedVersion]);

  return (
    <>
      <PlanPanel planner={planner} />
      <ApplyPanel planner={planner} publish={publish} />
      <VerifyPanel dir={dir} deployment={deployment} />
      <CloudBenchPanel dir={dir} deployment={deployment} />
    </>
  );
}
