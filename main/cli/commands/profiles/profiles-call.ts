import { CommanderError } from 'commander';
import { ErrorCode, SkyliftError, type CallInput, type CallOutput, type Contract } from '../../../../shared/contract';
import type { Core } from '../../../core/core';
import { toAppError } from '../../../core/errors';
import { openCliCore } from '../../context';
import { ExitCode, printError, type Output } from '../../output';

type ProfilesVerb = keyof Contract['profiles'];

/** One `profiles:*` call, made through core's dispatch so the contract checks the input as it does for the UI. */
export type ProfilesCall = <V extends ProfilesVerb>(verb: V, input: CallInput<'profiles', V>) => Promise<CallOutput<'profiles', V>>;

function profilesCall(core: Core): ProfilesCall {
  return async function call<V extends ProfilesVerb>(verb: V, input: CallInput<'profiles', V>) {
    const answer = await core.dispatch(`profiles:${verb}`, input);
    if (!answer.ok) throw new SkyliftError(answer.error);
    return answer.value as CallOutput<'profiles', V>;
  };
}

/**
 * Opens the core for one profiles command and closes it after. A failure is printed the usual way:
 * input the contract refused exits 2 (the command line was wrong), anything else 1.
 */
export async function withProfiles(out: Output, work: (call: ProfilesCall) => Promise<void>): Promise<void> {
  const core = openCliCore();
  try {
    await work(profilesCall(core));
  } catch (error) {
    if (error instanceof CommanderError) throw error;
    const appError = toAppError(error);
    printError(out, appError);
    process.exitCode = appError.code === ErrorCode.BadInput ? ExitCode.Usage : ExitCode.Failed;
  } finally {
    await core.close();
  }
}
