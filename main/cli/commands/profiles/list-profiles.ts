import type { Command } from 'commander';
import { printResult } from '../../output';
import { describeProfiles } from './describe';
import { withProfiles } from './profiles-call';

export function registerListProfiles(profiles: Command): void {
  profiles
    .command('list')
    .description('List credential profiles: name, provider, kind, source, masked key, region or tenant, default, last test')
    .option('--json', 'print the profiles as JSON (masked keys only)')
    .action(async (opts: { json?: boolean }) => {
      const out = { json: Boolean(opts.json) };
      await withProfiles(out, async (call) => {
        const list = await call('list', {});
        printResult(out, list, () => describeProfiles(list));
      });
    });
}
