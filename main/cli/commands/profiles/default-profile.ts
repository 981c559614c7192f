import type { Command } from 'commander';
import { printResult } from '../../output';
import { providerLabel } from './describe';
import { withProfiles } from './profiles-call';

export function registerDefaultProfile(profiles: Command): void {
  profiles
    .command('default')
    .description("Make a profile its provider's default")
    .argument('<name>', 'profile name (or id)')
    .option('--json', 'print the profile as JSON')
    .action(async (name: string, opts: { json?: boolean }) => {
      const out = { json: Boolean(opts.json) };
      await withProfiles(out, async (call) => {
        const profile = await call('setDefault', { id: name });
        printResult(out, profile, () => `"${profile.name}" is now the default ${providerLabel(profile.provider)} profile.`);
      });
    });
}
