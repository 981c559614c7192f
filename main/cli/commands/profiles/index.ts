import type { Command } from 'commander';
import { registerAddProfile } from './add-profile';
import { registerDefaultProfile } from './default-profile';
import { registerImportProfiles } from './import-profiles';
import { registerListProfiles } from './list-profiles';
import { registerRemoveProfile } from './remove-profile';
import { registerSecretStorage } from './secret-storage';
import { SecretSafeCommand } from './secret-safe-command';
import { registerTestProfile } from './test-profile';

const SECRETS_NOTE = `
Secrets are never taken from the command line and never printed: \`skylift profiles add\` reads
them from a hidden prompt on a terminal, or from stdin when it is not one (see add --help).`;

/** `skylift profiles ...`: the CLI face of the Profiles page. */
export function registerProfilesCommands(program: Command): void {
  const profiles = new SecretSafeCommand('profiles').description('Cloud credential profiles (AWS, Azure): list, add, import, test, remove, default, storage');
  // addCommand does not pass settings down as .command() does: error output, exit override, help after errors.
  profiles.copyInheritedSettings(program);
  program.addCommand(profiles);
  registerListProfiles(profiles);
  registerAddProfile(profiles);
  registerImportProfiles(profiles);
  registerTestProfile(profiles);
  registerRemoveProfile(profiles);
  registerDefaultProfile(profiles);
  registerSecretStorage(profiles);
  // add's own help spells out which secrets each kind reads, and in what order.
  for (const command of [profiles, ...profiles.commands.filter((c) => c.name() !== 'add')]) command.addHelpText('after', SECRETS_NOTE);
}
