import type { Command } from 'commander';
import { ErrorCode } from '../../../../shared/contract';
import { ExitCode, printError, printResult } from '../../output';
import { canAsk, confirm } from './confirm';
import { providerLabel } from './describe';
import { withProfiles } from './profiles-call';

export function registerRemoveProfile(profiles: Command): void {
  profiles
    .command('remove')
    .description('Remove a profile and its stored secret (asks first on a terminal)')
    .argument('<name>', 'profile name (or id)')
    .option('--yes', 'remove without asking (needed when stdin is not a terminal)')
    .option('--json', 'print the result as JSON')
    .action(async (name: string, opts: { yes?: boolean; json?: boolean }, command: Command) => {
      if (!opts.yes && !canAsk()) command.error(`error: not removing "${name}" without confirmation; stdin is not a terminal, so pass --yes.`, { exitCode: ExitCode.Usage });
      const out = { json: Boolean(opts.json) };
      await withProfiles(out, async (call) => {
        const profile = await call('get', { id: name });
        if (!opts.yes && !(await confirm(`Remove ${providerLabel(profile.provider)} profile "${profile.name}" (${profile.kind})${profile.hasSecret ? ' and its stored secret' : ''}?`))) {
          printError(out, { code: ErrorCode.Cancelled, message: `Not removed: "${profile.name}" is unchanged.` });
          process.exitCode = ExitCode.Failed;
          return;
        }
        const result = await call('remove', { id: profile.id });
        printResult(out, result, () => `Removed "${profile.name}".`);
      });
    });
}
