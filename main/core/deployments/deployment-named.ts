import { SkyliftError } from '../../../shared/errors';
import type { Deployment } from '../../../shared/project/deployments';
import type { ProjectConfig } from '../../../shared/project/schema';

/** skylift.yaml's deployment of that name; an unknown name lists the ones there are and how to add one. */
export function deploymentNamed(config: ProjectConfig, name: string): Deployment {
  const deployments = config.deployments ?? {};
  const deployment = deployments[name];
  if (deployment) return deployment;
  const names = Object.keys(deployments);
  throw new SkyliftError({
    code: 'DEPLOYMENT_UNKNOWN',
    message: names.length ? `skylift.yaml has no deployment named "${name}"; it has ${names.join(', ')}.` : `skylift.yaml has no deployments yet.`,
    hint: `Add one under deployments: in skylift.yaml, e.g.\n  deployments:\n    ${name}: { target: aws-lambda, profile: default, region: us-east-1 }`,
  });
}
