import { CommanderError } from 'commander';
import { ErrorCode, SkyliftError, type CallInput, type CallOutput, type Contract } from '../../../../shared/contract';
import type { Core } from '../../../core/core';
import { toAppError } from '../../../core/errors';
import { openCliCore } from '../../context';
import { ExitCode, printError, type Output } from '../../output';
import { chooseDeployment, type NamedTarget } from './cli-target';
import { CONFIRMATION_NEEDED } from './consent';

type Domain = 'deploy' | 'deployments';

/** One call through core's dispatch, so the contract checks the input as it does for the UI. */
export type CoreCall = <D extends Domain, V extends keyof Contract[D]>(domain: D, verb: V, input: CallInput<D, V>) => Promise<CallOutput<D, V>>;

export interface CommandCore {
  core: Core;
  call: CoreCall;
  /** The deployment the command names, or the project's only one. */
  deploymentOf(target: NamedTarget): Promise<string>;
}

/**
 * Opens the core for one publish command and closes it after. A failure is printed the usual way:
 * input the contract refused exits 2 (the command line was wrong), anything else 1.
 */
export async function withCore(out: Output, work: (session: CommandCore) => Promise<void>): Promise<void> {
  const core = openCliCore();
  const call: CoreCall = async (domain, verb, input) => {
    const answer = await core.dispatch(`${domain}:${String(verb)}`, input);
    if (!answer.ok) throw new SkyliftError(answer.error);
    return answer.value as never;
  };
  const deploymentOf = async (target: NamedTarget) => (target.deployment ?? chooseDeployment(target, await call('deployments', 'list', { dir: target.dir })));
  try {
    await work({ core, call, deploymentOf });
  } catch (error) {
    if (error instanceof CommanderError) throw error;
    const appError = toAppError(error);
    printError(out, appError);
    process.exitCode = appError.code === ErrorCode.BadInput || appError.code === CONFIRMATION_NEEDED ? ExitCode.Usage : ExitCode.Failed;
  } finally {
    await core.close();
  }
}
