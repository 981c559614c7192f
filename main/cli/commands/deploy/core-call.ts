import type { Core } from '../../../core/core';
import { BAD_INPUT_IS_USAGE, withCli, type CoreCall } from '../../dispatch';
import type { Output } from '../../output';
import { chooseDeployment, type NamedTarget } from './cli-target';
import { CONFIRMATION_NEEDED } from './consent';

export type { CoreCall } from '../../dispatch';

export interface CommandCore {
  core: Core;
  call: CoreCall;
  /** The deployment the command names, or the project's only one. */
  deploymentOf(target: NamedTarget): Promise<string>;
}

/**
 * Opens the core for one publish command and closes it after (see withCli). Input the contract
 * refused, or a change that needs --yes, exits 2 (the command line was wrong), anything else 1.
 */
export async function withCore(out: Output, work: (session: CommandCore) => Promise<void>): Promise<void> {
  await withCli(
    out,
    ({ core, call }) => {
      const deploymentOf = async (target: NamedTarget) => target.deployment ?? chooseDeployment(target, await call('deployments', 'list', { dir: target.dir }));
      return work({ core, call, deploymentOf });
    },
    { usageCodes: [...BAD_INPUT_IS_USAGE, CONFIRMATION_NEEDED] },
  );
}
