import type { Command } from 'commander';
import { ExitCode, printError, printResult } from '../../output';
import { describePassedTest } from './describe';
import { withProfiles } from './profiles-call';

export function registerTestProfile(profiles: Command): void {
  profiles
    .command('test')
    .description("Test a profile against its cloud (AWS STS GetCallerIdentity; Azure token and subscriptions); exits 1 when it fails")
    .argument('<name>', 'profile name (or id)')
    .option('--json', 'print the outcome as JSON')
    .action(async (name: string, opts: { json?: boolean }) => {
      const out = { json: Boolean(opts.json) };
      await withProfiles(out, async (call) => {
        const outcome = await call('test', { id: name });
        if (!outcome.ok) {
          const { code, message, hint } = outcome;
          // The code is what a script or a bug report needs; the human form carries it after the message.
          printError(out, out.json ? { code, message, ...(hint ? { hint } : {}) } : { code, message: `${message} (${code})`, ...(hint ? { hint } : {}) });
          process.exitCode = ExitCode.Failed;
          return;
        }
        printResult(out, outcome, () => describePassedTest(name, outcome));
      });
    });
}
