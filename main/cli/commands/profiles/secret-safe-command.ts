import { Command } from 'commander';
import { ExitCode } from '../../output';

/**
 * Commander quotes an unknown option whole, `--secret-access-key=VALUE` included, and a value
 * typed there may be the very secret these commands refuse to take as an argument. This command
 * (and every subcommand it creates) names only the flag.
 */
export class SecretSafeCommand extends Command {
  override createCommand(name?: string): Command {
    return new SecretSafeCommand(name);
  }

  /** Called by commander's parser; not in its typings. */
  unknownOption(flag: string): never {
    const bare = flag.startsWith('--') ? flag.split('=', 1)[0] : flag.slice(0, 2);
    this.error(`error: unknown option '${bare}'. Secrets are read from a hidden prompt or from stdin, never from the command line (see --help).`, { code: 'commander.unknownOption', exitCode: ExitCode.Usage });
  }
}
