import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { skyliftVersion } from '../core/version';
import { registerBenchCommands } from './commands/bench';
import { registerBuildCommand } from './commands/build';
import { registerDeployCommand } from './commands/deploy';
import { registerDeploymentsCommands } from './commands/deployments';
import { registerDestroyCommand } from './commands/destroy';
import { registerDockerfileCommand } from './commands/dockerfile';
import { registerEngineCommand } from './commands/engine';
import { registerNewCommand } from './commands/new';
import { registerProfilesCommands } from './commands/profiles';
import { registerRollbackCommand } from './commands/rollback';
import { registerRunCommands } from './commands/run';
import { registerServeCommand } from './commands/serve';
import { registerVerifyCommand } from './commands/verify';
import { registerImagesCommands } from './commands/images';
import { ErrorCode } from '../../shared/errors';
import { toAppError } from '../core/errors';
import { createErrorLog } from '../core/log';
import { resolveDataLocation } from '../core/paths';
import { ExitCode, printError } from './output';

/** Builds the `skylift` program; each issue's subcommand registers itself here. */
export function buildProgram(rendererDir: string): Command {
  const program = new Command('skylift')
    .description('Build, test and publish ML inference functions (AWS Lambda, Azure Functions) from one model project.')
    .version(skyliftVersion)
    .showHelpAfterError()
    .configureOutput({ outputError: (text, write) => write(text) })
    .exitOverride();
  registerServeCommand(program, rendererDir);
  registerEngineCommand(program);
  registerNewCommand(program);
  registerBuildCommand(program);
  registerDockerfileCommand(program);
  registerRunCommands(program);
  registerBenchCommands(program);
  registerProfilesCommands(program);
  registerDeployCommand(program);
  registerDeploymentsCommands(program);
  registerVerifyCommand(program);
  registerRollbackCommand(program);
  registerDestroyCommand(program);
  registerImagesCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram(path.join(__dirname, 'renderer'));
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help/--version exit 0; our own command.error() calls carry their code; any other parse failure is usage.
      process.exitCode = error.exitCode === 0 ? ExitCode.Ok : error.code === 'commander.error' ? error.exitCode : ExitCode.Usage;
      return;
    }
    // A known failure (a damaged database, an engine that is down) prints its message and hint;
    // anything else prints its first line and goes to the log with its stack.
    const appError = toAppError(error);
    if (appError.code === ErrorCode.Internal) logUnexpected(error);
    printError({ json: false }, appError);
    process.exitCode = ExitCode.Failed;
  }
}

function logUnexpected(error: unknown): void {
  try {
    createErrorLog(resolveDataLocation().dataDir).error('cli', error);
  } catch {
    // No data folder to log into: the message above is all there is.
  }
}

void main(process.argv);
