import { AttachRolePolicyCommand, CreateRoleCommand } from '@aws-sdk/client-iam';
import type { CloudContext } from '../../cloud';
import type { LambdaDeploymentView } from './lambda-context';
import { awsErrorFacts, callAws } from './retry';
import { projectTags, tagList } from './skylift-tags';

/** What lets a function assume its role, and what lets it write its logs. */
export const LAMBDA_TRUST_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const BASIC_EXECUTION_POLICY = (partition: string) => `arn:${partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`;

/** Creates skylift-<project> (an existing one is reused) and attaches AWSLambdaBasicExecutionRole; answers its ARN. */
export async function createExecutionRole(view: LambdaDeploymentView, context: CloudContext, name: string, plannedArn: string): Promise<string> {
  const options = { emit: context.emit, signal: context.signal };
  let arn = plannedArn;
  try {
    const created = await callAws(
      () => view.clients.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: LAMBDA_TRUST_POLICY, Description: `Execution role for the Lambda function Skylift publishes for ${context.config.name}`, Tags: tagList(projectTags(context.config.name)) })),
      { ...options, step: `CreateRole ${name}` },
    );
    arn = created.Role?.Arn ?? arn;
    context.emit({ type: 'log', stream: 'info', line: `Created role ${arn}` });
  } catch (error) {
    if (awsErrorFacts(error).name !== 'EntityAlreadyExistsException') throw error;
    context.emit({ type: 'log', stream: 'info', line: `Role ${name} already exists: reusing it` });
  }
  const partition = arn.split(':')[1] || 'aws';
  await callAws(() => view.clients.iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: BASIC_EXECUTION_POLICY(partition) })), { ...options, step: `AttachRolePolicy ${name}` });
  return arn;
}
