import type { CallInput, CallOutput, Contract } from '../../../../shared/contract';
import { BAD_INPUT_IS_USAGE, withCli } from '../../dispatch';
import type { Output } from '../../output';

type ProfilesVerb = keyof Contract['profiles'];

/** One `profiles:*` call, made through core's dispatch so the contract checks the input as it does for the UI. */
export type ProfilesCall = <V extends ProfilesVerb>(verb: V, input: CallInput<'profiles', V>) => Promise<CallOutput<'profiles', V>>;

/**
 * Opens the core for one profiles command and closes it after (see withCli). Input the contract
 * refused exits 2 (the command line was wrong), anything else 1.
 */
export async function withProfiles(out: Output, work: (call: ProfilesCall) => Promise<void>): Promise<void> {
  await withCli(out, ({ call }) => work((verb, input) => call('profiles', verb, input)), { usageCodes: BAD_INPUT_IS_USAGE });
}
