import { useEffect, useState } from 'react';
import { useDeployJob } from '../../hooks/use-deploy-job';
import { useDeployPlan } from '../../hooks/use-deploy-plan';
import { ApplyPanel } from './ApplyPanel';
import { CloudBenchPanel } from './CloudBenchPanel';
import { PlanPanel } from './PlanPanel';
import { VerifyPanel } from './VerifyPanel';

interface PublishFlowProps {
  dir: string;
  deployment: string;
  roleName: string;
  /** Something went live: the deployments list shows the new version. */
  onPublished: () => void;
}

/** Plan → Publish → Verify → Bench in the cloud, for one deployment. */
export function PublishFlow({ dir, deployment, roleName, onPublished }: PublishFlowProps) {
  const planner = useDeployPlan(dir, deployment);
  const publish = useDeployJob('deploy', `deploy.publish-job.${dir}.${deployment}`);
  const publishedVersion = publish.result?.version;
  // The local image of the plan last applied and the digest it got, so a local run made before the push joins the cloud run.
  const [appliedImageId, setAppliedImageId] = useState<string | null>(null);
  const published = appliedImageId && publish.result ? [{ imageId: appliedImageId, digest: publish.result.imageDigest }] : [];
  useEffect(() => {
    if (publishedVersion) onPublished();
  }, [publishedVersion]);

  return (
    <>
      <PlanPanel planner={planner} roleName={roleName} />
      <ApplyPanel planner={planner} publish={publish} onApply={setAppliedImageId} />
      <VerifyPanel dir={dir} deployment={deployment} />
      <CloudBenchPanel dir={dir} deployment={deployment} published={published} />
    </>
  );
}
