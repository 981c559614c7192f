import { GetFunctionConfigurationCommand, UpdateFunctionConfigurationCommand, type FunctionConfiguration, type LambdaClient } from '@aws-sdk/client-lambda';
import type { JobEventInput } from '../../../../../shared/contract/jobs';
import { SkyliftError } from '../../../../../shared/errors';
import { callAws } from './retry';

/** The variable whose change makes Lambda retire the function's environments (its value: when and which cold start). */
export const COLD_START_MARKER = 'SKYLIFT_COLD_START';
/** How long one configuration update may take to reach LastUpdateStatus Successful. */
const UPDATE_DEADLINE_MS = 60_000;
const POLL_MS = 250;
/** Restoring the environment runs after a cancel too, so it has its own deadline instead of the job's signal. */
const RESTORE_DEADLINE_MS = 90_000;

interface ColdOptions {
  lambda: LambdaClient;
  functionName: string;
  emit: (event: JobEventInput) => void;
}

/**
 * Forces cold starts by changing a marker variable on $LATEST (Lambda gives every configuration
 * change fresh environments), keeping the function's other variables, and puts the original
 * variables back afterwards. A marker left by an earlier bench that never restored is not kept.
 */
export class ColdStarter {
  private original: Record<string, string> | null = null;
  private changed = false;

  constructor(private readonly options: ColdOptions) {}

  /** Sets the marker to a new value and waits until Lambda has applied it. */
  async force(index: number, signal: AbortSignal): Promise<void> {
    if (!this.original) {
      const { [COLD_START_MARKER]: _stale, ...variables } = (await this.configuration(signal)).Environment?.Variables ?? {};
      this.original = variables;
    }
    this.changed = true;
    await this.update({ ...this.original, [COLD_START_MARKER]: `${Date.now()}-${index}` }, `cold start ${index}`, signal);
  }

  /** Puts the function's variables back as they were; a no-op when no cold start changed them. */
  async restore(): Promise<void> {
    if (!this.changed || !this.original) return;
    const signal = AbortSignal.timeout(RESTORE_DEADLINE_MS);
    try {
      await this.update(this.original, 'restoring its environment', signal);
    } catch (error) {
      throw new SkyliftError({
        code: 'CLOUD_RESTORE_FAILED',
        message: `${COLD_START_MARKER} is still set on ${this.options.functionName} ($LATEST): putting its environment back failed (${(error as Error).message}).`,
        hint: `Remove ${COLD_START_MARKER} from the function's environment variables (Lambda console, or aws lambda update-function-configuration), or bench again with cold starts: it restores them at the end.`,
      });
    }
    this.changed = false;
  }

  private async update(variables: Record<string, string>, why: string, signal: AbortSignal): Promise<void> {
    const { lambda, functionName, emit } = this.options;
    await callAws(() => lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: functionName, Environment: { Variables: variables } }), { abortSignal: signal }), {
      step: `UpdateFunctionConfiguration ${functionName} (${why})`,
      emit,
      signal,
    });
    await this.untilUpdated(signal);
  }

  private configuration(signal: AbortSignal): Promise<FunctionConfiguration> {
    const { lambda, functionName, emit } = this.options;
    return callAws(() => lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName, Qualifier: '$LATEST' }), { abortSignal: signal }), {
      step: `GetFunctionConfiguration ${functionName}`,
      emit,
      signal,
    });
  }

  /** Polls until LastUpdateStatus is Successful; Failed, or no answer by the deadline, is an error that says so. */
  private async untilUpdated(signal: AbortSignal): Promise<void> {
    const deadline = Date.now() + UPDATE_DEADLINE_MS;
    for (;;) {
      const config = await this.configuration(signal);
      if (config.LastUpdateStatus === 'Successful') return;
      if (config.LastUpdateStatus === 'Failed') {
        throw new SkyliftError({
          code: 'CLOUD_UPDATE_FAILED',
          message: `Lambda could not apply the environment change to ${this.options.functionName}: ${config.LastUpdateStatusReason ?? 'no reason given'}.`,
          hint: 'Look at the function in the Lambda console, then bench again (or with 0 cold starts).',
        });
      }
      if (Date.now() + POLL_MS > deadline) {
        throw new SkyliftError({
          code: 'CLOUD_UPDATE_TIMEOUT',
          message: `Lambda was still applying the environment change to ${this.options.functionName} after ${UPDATE_DEADLINE_MS / 1000} s (LastUpdateStatus ${config.LastUpdateStatus ?? 'unknown'}).`,
          hint: 'Bench again later, or with 0 cold starts.',
        });
      }
      await pause(POLL_MS, signal);
    }
  }
}

/** Waits ms, or rejects with the signal's reason when it aborts first. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => (clearTimeout(timer), reject(signal.reason));
    const timer = setTimeout(() => (signal.removeEventListener('abort', onAbort), resolve()), ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
