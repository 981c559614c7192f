import type { Command } from 'commander';
import type { ImportPreview, ProfileSummary } from '../../../../shared/contract';
import { ExitCode, printResult } from '../../output';
import { describePreview } from './describe';
import { withProfiles } from './profiles-call';

interface ImportOptions {
  configFile?: string;
  credentialsFile?: string;
  copy?: boolean;
  all?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

export function registerImportProfiles(profiles: Command): void {
  profiles
    .command('import')
    .description('Import profiles from the AWS shared config and credentials files: linked (read at each use) or, with --copy, static keys copied in')
    .argument('[names...]', 'profiles to import (see --dry-run)')
    .option('--config-file <file>', 'AWS config file (default: AWS_CONFIG_FILE, else ~/.aws/config)')
    .option('--credentials-file <file>', 'AWS credentials file (default: AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials)')
    .option('--copy', "copy static keys into Skylift's keychain instead of linking the file (other kinds stay linked)")
    .option('--all', 'import every profile not imported yet')
    .option('--dry-run', 'show what the files hold (no secrets) and import nothing')
    .option('--json', 'print the preview or the imported profiles as JSON')
    .action(async (names: string[], opts: ImportOptions, command: Command) => {
      if (names.length > 0 && opts.all) command.error('error: name the profiles to import, or pass --all, not both.', { exitCode: ExitCode.Usage });
      if (!opts.dryRun && names.length === 0 && !opts.all) command.error('error: name the profiles to import, or pass --all (--dry-run lists them).', { exitCode: ExitCode.Usage });
      const out = { json: Boolean(opts.json) };
      const files = { ...(opts.configFile ? { configFile: opts.configFile } : {}), ...(opts.credentialsFile ? { credentialsFile: opts.credentialsFile } : {}) };
      await withProfiles(out, async (call) => {
        if (opts.dryRun) {
          const preview = only(await call('importPreview', files), names);
          printResult(out, preview, () => describePreview(preview));
          return;
        }
        const chosen = opts.all ? (await call('importPreview', files)).candidates.filter((c) => !c.alreadyImported).map((c) => c.name) : names;
        if (chosen.length === 0) {
          printResult(out, [], () => 'Nothing to import: every profile in the files is already in Skylift.');
          return;
        }
        const imported = await call('import', { ...files, names: chosen, mode: opts.copy ? 'copy' : 'link' });
        printResult(out, imported, () => imported.map(describeImported).join('\n'));
      });
    });
}

function only(preview: ImportPreview, names: readonly string[]): ImportPreview {
  return names.length === 0 ? preview : { ...preview, candidates: preview.candidates.filter((c) => names.includes(c.name)) };
}

function describeImported(p: ProfileSummary): string {
  return p.source === 'file' ? `Imported "${p.name}", linked to ${p.fields.configFile ?? 'the shared files'}.` : `Imported "${p.name}", keys copied in (${p.maskedKeyId ?? 'no key id'}).`;
}
