import { SkyliftError } from '../../../shared/errors';
import type { DeploymentSummary } from '../../../shared/contract/deploy';
import type { Deployment } from '../../../shared/project/deployments';
import type { ProjectConfig } from '../../../shared/project/schema';
import { requireProject } from '../project/project-files';
import { targetModule } from '../targets/registry';
import { deploymentNamed } from './deployment-named';
import type { DeploymentStore } from './deployment-store';

/** A project's deployments from skylift.yaml, each with what the deployments store says is live (no cloud call). */
export function listDeployments(store: DeploymentStore, dir: string): DeploymentSummary[] {
  const source = requireProject(dir);
  return Object.entries(source.config.deployments ?? {}).map(([name, deployment]) => summarize(store, source.dir, source.config, name, deployment, false));
}

/** One deployment with its releases, newest first; an unknown name lists the ones there are. */
export function showDeployment(store: DeploymentStore, dir: string, name: string): DeploymentSummary {
  const source = requireProject(dir);
  return summarize(store, source.dir, source.config, name, deploymentNamed(source.config, name), true);
}

function summarize(store: DeploymentStore, projectDir: string, config: ProjectConfig, name: string, deployment: Deployment, withHistory: boolean): DeploymentSummary {
  const cloud = targetModule(deployment.target).cloud;
  // skylift.yaml's schema admits only targets Skylift publishes to; this guards a module that lost its cloud half.
  if (!cloud) throw new SkyliftError({ code: 'NOT_AVAILABLE', message: `Skylift cannot publish to ${deployment.target} yet.` });
  const names = cloud.names({ config, deployment });
  const live = store.live(projectDir, name);
  return {
    dir: projectDir,
    name,
    target: deployment.target,
    profile: deployment.profile,
    region: deployment.region,
    functionName: names.functionName,
    alias: names.alias,
    live: live ? { functionArn: live.functionArn, version: live.version, imageDigest: live.imageDigest, deployedAt: live.deployedAt } : null,
    history: withHistory ? store.history(projectDir, name).map((r) => ({ version: r.version, imageDigest: r.imageDigest, deployedAt: r.deployedAt })) : [],
  };
}
