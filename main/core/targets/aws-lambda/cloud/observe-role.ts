import { GetRoleCommand } from '@aws-sdk/client-iam';
import type { RoleChoice } from '../../../../../shared/contract/deploy';
import type { CloudContext } from '../../cloud';
import { skyliftRoleName, type LambdaDeploymentView } from './lambda-context';
import { awsErrorFacts, callAws } from './retry';
import type { RolePlan } from './shape';

/**
 * The role the function will have: the request's ARN, the deployment's `role:`, skylift-<project>
 * when the user agreed to create it (reused when it exists), else the function's current role;
 * with none of these the plan says a role is needed.
 */
export async function observeRole(view: LambdaDeploymentView, context: CloudContext, request: RoleChoice | undefined, facts: { account: string; partition: string; currentRole: string | null }): Promise<RolePlan> {
  if (request?.mode === 'existing') return { kind: 'given', arn: request.roleArn, source: 'request', exists: await givenRoleExists(view, context, request.roleArn, facts.account) };
  if (view.deployment.role) return { kind: 'given', arn: view.deployment.role, source: 'deployment', exists: await givenRoleExists(view, context, view.deployment.role, facts.account) };
  const name = skyliftRoleName(context);
  if (request?.mode !== 'create') return facts.currentRole ? { kind: 'current', arn: facts.currentRole } : { kind: 'needed', name };
  try {
    const answer = await callAws(() => view.clients.iam.send(new GetRoleCommand({ RoleName: name })), { step: `GetRole ${name}`, emit: context.emit, signal: context.signal });
    return { kind: 'create', name, arn: answer.Role?.Arn ?? roleArn(facts, name), exists: true };
  } catch (error) {
    if (awsErrorFacts(error).name !== 'NoSuchEntityException') throw error;
    return { kind: 'create', name, arn: roleArn(facts, name), exists: false };
  }
}

/**
 * Whether a role given by ARN exists: asked of IAM when it is in the caller's account; null when
 * that cannot be told (another account, or the profile may not call iam:GetRole).
 */
async function givenRoleExists(view: LambdaDeploymentView, context: CloudContext, arn: string, account: string): Promise<boolean | null> {
  if (arn.split(':')[4] !== account) return null;
  const name = arn.slice(arn.lastIndexOf('/') + 1);
  try {
    await callAws(() => view.clients.iam.send(new GetRoleCommand({ RoleName: name })), { step: `GetRole ${name}`, emit: context.emit, signal: context.signal });
    return true;
  } catch (error) {
    const facts = awsErrorFacts(error);
    if (facts.name === 'NoSuchEntityException') return false;
    if (facts.name === 'AccessDenied' || facts.name === 'AccessDeniedException' || facts.status === 403) return null;
    throw error;
  }
}

/** The ARN IAM will give a role it creates, in the caller's partition and account. */
const roleArn = (facts: { account: string; partition: string }, name: string) => `arn:${facts.partition}:iam::${facts.account}:role/${name}`;

/** The ARN the function will run with, or null when a role is still needed. */
export const roleArnOf = (role: RolePlan): string | null => (role.kind === 'needed' ? null : role.arn);
