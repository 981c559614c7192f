import { describeError } from '../components/describe-error';
import { DeploymentCard } from '../components/deployments/DeploymentCard';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeader } from '../components/PageHeader';
import { PathText } from '../components/PathText';
import { NoDeployments } from '../components/publish/NoDeployments';
import { projectNameIn } from '../components/publish/publish-format';
import { useDeployments } from '../hooks/use-deployments';
import { useProject } from '../hooks/use-project';

/** Deployments: for the opened project, what is live where, its history, and roll back or destroy. */
export function DeploymentsPage() {
  const project = useProject();
  const opened = project.state.opened;
  return (
    <>
      <PageHeader title="Deployments" description="What each of the project’s deployments has live, its releases, and the ways back." />
      {opened ? (
        <DeploymentList key={opened.dir} dir={opened.dir} projectName={projectNameIn(opened.yaml)} />
      ) : (
        <p className="muted" data-testid="deployments-no-project">
          {project.busy === 'open' ? 'Opening the project…' : <>Open a project on the <a href="#/deploy">Deploy</a> page first.</>}
        </p>
      )}
    </>
  );
}

function DeploymentList({ dir, projectName }: { dir: string; projectName: string }) {
  const deployments = useDeployments(dir);
  return (
    <div className="panel-stack" data-testid="deployments" aria-busy={deployments.loading}>
      <p className="build-project">
        Project <code><PathText text={dir} /></code>
      </p>
      {deployments.error !== undefined && (
        <ErrorAlert error={describeError(deployments.error)} title="Could not read the deployments">
          <button type="button" className="button" onClick={deployments.reload}>
            Try again
          </button>
        </ErrorAlert>
      )}
      {deployments.data?.length === 0 && <NoDeployments projectName={projectName} />}
      {deployments.data?.map((deployment) => (
        <DeploymentCard key={deployment.name} deployment={deployment} onChanged={deployments.reload} />
      ))}
    </div>
  );
}
