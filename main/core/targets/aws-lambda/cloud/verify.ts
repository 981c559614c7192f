import { GetAliasCommand, GetFunctionConfigurationCommand, InvokeCommand } from '@aws-sdk/client-lambda';
import type { VerifyResult } from '../../../../../shared/contract/deploy';
import { SkyliftError } from '../../../../../shared/errors';
import type { CloudContext, CloudOperations, VerifyInput } from '../../cloud';
import { parseInvokeLogResult } from '../verify/report-parse';
import { openLambdaDeployment, type LambdaDeploymentView } from './lambda-context';
import { rollBack, unqualifiedArn } from './rollback';
import { capBody, compareAnswers } from './verify-answer';
import { isNotFound, notPublished, stepCaller } from './verify-aws-calls';
import { answeredCheck, liveVersionCheck, platformReportOf, reportCheck } from './verify-checks';

/** Beyond the function's own timeout, what an answer may take to come back (a cold start's image pull and init). */
const ANSWER_GRACE_MS = 30_000;
/** Read the alias, invoke, compare; a fourth (roll back) only after a failure when asked. */
const STEPS = 3;

export const verifyDeployment: CloudOperations['verify'] = async (context, request) => {
  const view = await openLambdaDeployment(context);
  try {
    return await verifyWith(context, view, request);
  } finally {
    view.clients.destroy();
  }
};

/**
 * Invokes the deployment's alias once with the payload, reads the platform's REPORT from the log
 * tail and judges: the function answered, Lambda reported it, the answer is the local variant's,
 * the alias serves the release Skylift made live. A failure rolls back when asked.
 */
async function verifyWith(context: CloudContext, view: LambdaDeploymentView, request: VerifyInput): Promise<VerifyResult> {
  const call = stepCaller(context);
  const FunctionName = view.functionName;
  const missing = (error: unknown) => (isNotFound(error) ? notPublished(view, context.deploymentName) : null);

  context.emit({ type: 'step', index: 1, total: STEPS, name: `Reading alias ${view.alias}` });
  const alias = await call(`GetAlias ${FunctionName}:${view.alias}`, () => view.clients.lambda.send(new GetAliasCommand({ FunctionName, Name: view.alias })), missing);

  const settings = await call(`GetFunctionConfiguration ${FunctionName}:${view.alias}`, () => view.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName, Qualifier: view.alias })), missing);

  context.emit({ type: 'step', index: 2, total: STEPS, name: `Invoking ${FunctionName}:${view.alias}` });
  // The client's default request timeout is for control calls; an invoke may run as long as the function's own timeout.
  const requestTimeout = (settings.Timeout ?? 900) * 1000 + ANSWER_GRACE_MS;
  const answer = await call(
    `Invoke ${FunctionName}:${view.alias}`,
    () => view.clients.lambda.send(new InvokeCommand({ FunctionName, Qualifier: view.alias, LogType: 'Tail', Payload: Buffer.from(request.payload) }), { abortSignal: context.signal, requestTimeout }),
    missing,
  );
  const body = Buffer.from(answer.Payload ?? new Uint8Array()).toString('utf8');
  // Invoke answers the version that ran: the alias may have moved since GetAlias, or route by weight.
  const version = answer.ExecutedVersion ?? alias.FunctionVersion ?? '';
  // LogResult holds this invocation's own log, so its last REPORT is this invocation's.
  const parse = parseInvokeLogResult(answer.LogResult);

  context.emit({ type: 'step', index: 3, total: STEPS, name: 'Comparing with the local answer' });
  const checks = [
    answeredCheck(answer.FunctionError, body, version),
    reportCheck(parse),
    compareAnswers(body, request.localAnswer),
    liveVersionCheck(version, context.store.live(context.projectDir, context.deploymentName), context.deploymentName),
  ];
  const ok = !checks.some((check) => check.status === 'fail');
  for (const check of checks) context.emit({ type: 'log', stream: 'info', line: `${check.status.toUpperCase()} ${check.name}: ${check.detail}` });

  const rolledBackTo = !ok && request.rollbackOnFailure ? await rollBackAfterFailure(context, view, checks) : null;
  return {
    ok,
    deployment: context.deploymentName,
    functionArn: unqualifiedArn(alias.AliasArn ?? ''),
    version,
    checks,
    cloudBody: capBody(body),
    localBody: request.localAnswer ? capBody(request.localAnswer.body) : null,
    report: platformReportOf(parse),
    runId: null,
    rolledBackTo,
  };
}

/** Moves the alias back after a failed verification; a refusal (nothing before) becomes one more check, so the findings stay the result. */
async function rollBackAfterFailure(context: CloudContext, view: LambdaDeploymentView, checks: VerifyResult['checks']): Promise<string | null> {
  context.emit({ type: 'step', index: STEPS + 1, total: STEPS + 1, name: 'Rolling back to the version before' });
  try {
    const { toVersion } = await rollBack(context, view, undefined, { steps: false });
    checks.push({ name: 'Rolled back', status: 'warn', detail: `${view.functionName}:${view.alias} was moved back to version ${toVersion} because verification failed.` });
    return toVersion;
  } catch (error) {
    if (!(error instanceof SkyliftError) || context.signal.aborted) throw error;
    checks.push({ name: 'Rolled back', status: 'fail', detail: `The rollback did not happen: ${error.message}` });
    return null;
  }
}
