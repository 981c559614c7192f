import { SkyliftError } from '../../../../../shared/errors';
import type { AwsLambdaDeployment } from '../../../../../shared/project/deployments';
import type { CloudContext } from '../../cloud';
import { createAwsLambdaClients, type AwsLambdaClients } from './clients';

/** A Lambda deployment as every operation sees it: the names it resolves to and clients signed by its profile. */
export interface LambdaDeploymentView {
  deployment: AwsLambdaDeployment;
  functionName: string;
  alias: string;
  region: string;
  profile: { id: string; name: string };
  clients: AwsLambdaClients;
}

/** skylift.yaml's `function:`, or the project's name made a valid function name (Docker names may hold dots; Lambda's may not). */
export function functionNameOf(context: Pick<CloudContext, 'config' | 'deployment'>): string {
  const deployment = context.deployment as AwsLambdaDeployment;
  return deployment.function ?? context.config.name.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 64);
}

/** The execution role Skylift creates when asked: skylift-<project>, within IAM's 64 characters. */
export function skyliftRoleName(context: Pick<CloudContext, 'config'>): string {
  return `skylift-${context.config.name.replace(/[^\w+=,.@-]/g, '-')}`.slice(0, 64);
}

/**
 * Resolves the deployment's profile and makes its clients, in the deployment's region (the
 * profile's endpoint overrides apply). The caller destroys the clients when done.
 */
export async function openLambdaDeployment(context: CloudContext): Promise<LambdaDeploymentView> {
  const deployment = context.deployment;
  if (deployment.target !== 'aws-lambda') {
    throw new SkyliftError({ code: 'INTERNAL', message: `Internal error: deployment ${context.deploymentName} is not an AWS Lambda deployment.` });
  }
  const { profile, identity, endpoints } = await context.profiles.awsIdentity(deployment.profile);
  const clients = createAwsLambdaClients(identity, endpoints, deployment.region);
  return { deployment, functionName: functionNameOf(context), alias: deployment.alias, region: deployment.region, profile, clients };
}
