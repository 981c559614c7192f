import type { OpenedProject } from '../../../../shared/contract';
import { describeError } from '../../components/describe-error';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PathText } from '../../components/PathText';
import { DeploymentChoice } from '../../components/publish/DeploymentChoice';
import { projectNameIn } from '../../components/publish/publish-format';
import { PublishFlow } from '../../components/publish/PublishFlow';
import { useDeployments } from '../../hooks/use-deployments';
import { useSessionState } from '../../hooks/use-session-state';

/** Step 4: publish the tested image to a deployment from skylift.yaml, verify it, and bench it in the cloud. */
export function PublishStep({ project }: { project: OpenedProject }) {
  const { dir } = project;
  const deployments = useDeployments(dir);
  const [chosen, setChosen] = useSessionState(`deploy.publish-deployment.${dir}`, '');
  const list = deployments.data ?? [];
  const current = list.find((d) => d.name === chosen) ?? list[0];
  const projectName = projectNameIn(project.yaml);

  return (
    <div className="panel-stack publish-step">
      <p className="build-project">
        Project <code><PathText text={dir} /></code>
      </p>
      {deployments.error !== undefined && (
        <ErrorAlert error={describeError(deployments.error)} title="Could not read the deployments" testId="publish-deployments-error">
          <button type="button" className="button" onClick={deployments.reload}>
            Try again
          </button>
        </ErrorAlert>
      )}
      {deployments.data && <DeploymentChoice deployments={list} chosen={current?.name ?? ''} onChange={setChosen} projectName={projectName} />}
      {current && <PublishFlow key={current.name} dir={dir} deployment={current.name} onPublished={deployments.reload} />}
    </div>
  );
}
