import { GetFunctionConfigurationCommand, type FunctionConfiguration } from '@aws-sdk/client-lambda';
import { SkyliftError } from '../../../../../shared/errors';
import type { CloudContext } from '../../cloud';
import type { LambdaDeploymentView } from './lambda-context';
import { callAws } from './retry';

/** Lambda's own waiters give an image function up to 5 minutes to become Active or finish an update. */
export const FUNCTION_SETTLE_MS = 5 * 60_000;
const FIRST_POLL_MS = 250;
const MAX_POLL_MS = 2_000;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Polls $LATEST (or a published version: an image version is Pending until Lambda has it ready) until it is Active with its last update Successful (what a new function and an
 * update both end in), under a deadline; a Failed state or update is the user's error with
 * Lambda's reason.
 */
export async function waitUntilSettled(view: LambdaDeploymentView, context: CloudContext, what: string, options: { qualifier?: string; deadlineMs?: number } = {}): Promise<FunctionConfiguration> {
  const deadlineMs = options.deadlineMs ?? FUNCTION_SETTLE_MS;
  const target = options.qualifier ? `${view.functionName}:${options.qualifier}` : view.functionName;
  const deadline = Date.now() + deadlineMs;
  let poll = FIRST_POLL_MS;
  let told = '';
  for (;;) {
    const config = await callAws(() => view.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: view.functionName, ...(options.qualifier ? { Qualifier: options.qualifier } : {}) })), {
      step: `GetFunctionConfiguration ${target}`,
      emit: context.emit,
      signal: context.signal,
    });
    if (config.State === 'Failed' || config.LastUpdateStatus === 'Failed') throw failed(view, what, config);
    if (config.State === 'Active' && config.LastUpdateStatus === 'Successful') return config;
    const now = `State ${config.State ?? '?'}, LastUpdateStatus ${config.LastUpdateStatus ?? '?'}`;
    if (now !== told) context.emit({ type: 'log', stream: 'info', line: `Waiting for ${target} after ${what}: ${now}${config.StateReason ? ` (${config.StateReason})` : ''}` });
    told = now;
    if (Date.now() + poll > deadline) {
      throw new SkyliftError({
        code: 'FUNCTION_NOT_SETTLED',
        message: `${target} did not settle within ${Math.round(deadlineMs / 1000)} s after ${what} (${now}).`,
        hint: 'Publish again in a few minutes; the next plan shows where the function stands.',
      });
    }
    await sleep(poll, context.signal);
    poll = Math.min(MAX_POLL_MS, poll * 2);
  }
}

function failed(view: LambdaDeploymentView, what: string, config: FunctionConfiguration): SkyliftError {
  const reason = config.State === 'Failed' ? config.StateReason : config.LastUpdateStatusReason;
  const code = config.State === 'Failed' ? config.StateReasonCode : config.LastUpdateStatusReasonCode;
  return new SkyliftError({
    code: 'FUNCTION_UPDATE_FAILED',
    message: `Lambda could not apply ${what} to ${view.functionName}: ${reason ?? 'no reason given'}${code ? ` (${code})` : ''}.`,
    hint: 'Fix what Lambda names (image, role, memory), then publish again; the alias still points at the version it served.',
  });
}
