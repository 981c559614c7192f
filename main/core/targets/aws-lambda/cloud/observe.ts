import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { CloudContext } from '../../cloud';
import { ecrRepositoryNameFor } from '../publish/ecr-repository-name';
import type { LambdaDeploymentView } from './lambda-context';
import { observeFunction } from './observe-function';
import { observeImage, observeRepository } from './observe-image';
import { observeRole } from './observe-role';
import { callAws } from './retry';
import type { Observed } from './shape';

/** The request's role choice, as plan and apply take it. */
export type RoleRequest = Parameters<typeof observeRole>[2];

/**
 * Reads everything a publish depends on: the account, the repository and whether it already holds
 * this image, the function with its versions and alias, and the role. Changes nothing.
 */
export async function observe(view: LambdaDeploymentView, context: CloudContext, role: RoleRequest): Promise<Observed> {
  const options = { emit: context.emit, signal: context.signal };
  const identity = await callAws(() => view.clients.sts.send(new GetCallerIdentityCommand({})), { ...options, step: 'GetCallerIdentity' });
  const account = identity.Account ?? '';
  const partition = identity.Arn?.split(':')[1] || 'aws';
  const repository = await observeRepository(view, context, ecrRepositoryNameFor(context.config.name));
  const image = await observeImage(view, context, repository);
  const { fn, alias, versions } = await observeFunction(view, context);
  const rolePlan = await observeRole(view, context, role, { account, partition, currentRole: fn?.shape.role ?? null });
  return { account, repository, image, fn, alias, versions, role: rolePlan };
}
