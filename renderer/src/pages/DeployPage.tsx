import { DeployStepper, type DeployStep } from '../components/deploy/DeployStepper';
import { PageHeader } from '../components/PageHeader';
import { useProject } from '../hooks/use-project';
import { useSessionState } from '../hooks/use-session-state';
import { BuildStep } from './deploy/BuildStep';
import { ProjectStep } from './deploy/ProjectStep';
import { PublishStep } from './deploy/PublishStep';
import { TestStep } from './deploy/TestStep';

/** Deploy: open a model project, build one image per target, test them locally, and publish one to a deployment. */
export function DeployPage() {
  const project = useProject();
  const [step, setStep] = useSessionState<DeployStep>('deploy.step', 'project');
  const { opened } = project.state;
  const buildBlockedBy = !opened ? 'Open a project first.' : !opened.valid ? 'Fix skylift.yaml first.' : null;
  const shown = step !== 'project' && opened && !buildBlockedBy ? step : 'project';

  return (
    <>
      <PageHeader title="Deploy" description="Open a model project, build an image for each target it names, test it here and publish it." />
      <DeployStepper current={shown} onChange={setStep} buildBlockedBy={buildBlockedBy} />
      <div className="deploy-step">
        {shown === 'build' && opened ? (
          <BuildStep key={opened.dir} dir={opened.dir} blockedBy={project.dirty ? 'Save skylift.yaml first: the build uses the saved file.' : null}
            onContinue={() => setStep('test')} />
        ) : shown === 'test' && opened ? (
          <TestStep key={opened.dir} project={opened} onBuild={() => setStep('build')} />
        ) : shown === 'publish' && opened ? (
          <PublishStep key={opened.dir} project={opened} />
        ) : (
          <ProjectStep project={project} onContinue={() => setStep('build')} />
        )}
      </div>
    </>
  );
}
