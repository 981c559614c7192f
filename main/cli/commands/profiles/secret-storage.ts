import type { Command } from 'commander';
import { ErrorCode, SkyliftError } from '../../../../shared/contract';
import { ExitCode, printResult } from '../../output';
import { canAsk, confirm } from './confirm';
import { describeStorage } from './describe';
import { withProfiles } from './profiles-call';

interface StorageOptions {
  allowInsecureFile?: boolean;
  /** commander's negatable flag: false only when --no-insecure-file was given. */
  insecureFile: boolean;
  yes?: boolean;
  json?: boolean;
}

export function registerSecretStorage(profiles: Command): void {
  profiles
    .command('storage')
    .description('Show where profile secrets are kept and whether that is secure; opt in to (or out of) the unencrypted file where no keychain exists')
    .option('--allow-insecure-file', 'keep secrets in a file only your user can read, NOT encrypted (only where no keychain works)')
    .option('--no-insecure-file', 'stop using the unencrypted file for new secrets')
    .option('--yes', 'opt in without asking (needed when stdin is not a terminal)')
    .option('--json', 'print the storage state as JSON')
    .action(async (opts: StorageOptions, command: Command) => {
      const optIn = Boolean(opts.allowInsecureFile);
      const optOut = opts.insecureFile === false;
      if (optIn && optOut) command.error('error: choose --allow-insecure-file or --no-insecure-file, not both.', { exitCode: ExitCode.Usage });
      if (optIn && !opts.yes && !canAsk()) command.error('error: opting in to the unencrypted secrets file needs confirmation; stdin is not a terminal, so pass --yes.', { exitCode: ExitCode.Usage });
      const out = { json: Boolean(opts.json) };
      await withProfiles(out, async (call) => {
        let storage = await call('storage', {});
        if (optIn && !storage.fileOptIn.enabled) {
          // Where a keychain works core refuses the opt-in with its own reason; ask only when it can happen.
          if (storage.fileOptIn.available && !opts.yes) {
            process.stderr.write(`warning: secrets would be kept NOT encrypted in ${storage.fileOptIn.path}. Anyone who can read your files (backups and synced folders included) can read them.\n`);
            if (!(await confirm('Keep secrets in this unencrypted file?'))) throw new SkyliftError({ code: ErrorCode.Cancelled, message: 'Not changed: secrets still have nowhere secure to go.' });
          }
          storage = await call('setFileOptIn', { enabled: true, acknowledgeInsecure: true });
        } else if (optOut) {
          storage = await call('setFileOptIn', { enabled: false });
        }
        printResult(out, storage, () => describeStorage(storage));
      });
    });
}
