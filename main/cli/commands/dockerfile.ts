import fs from 'node:fs';
import type { Command } from 'commander';
import type { TargetName } from '../../../shared/project/schema';
import { dockerfileFor } from '../../core/build/variant-dockerfiles';
import { ejectedDockerfilePath, requireProject } from '../../core/project/project-files';
import { skyliftVersion } from '../../core/version';
import { withCli } from '../dispatch';
import { variantOption } from '../options';
import { ExitCode, printError, printResult } from '../output';
import { projectDirArgument } from '../project-arg';

export function registerDockerfileCommand(program: Command): void {
  program
    .command('dockerfile')
    .description("Print a variant's Dockerfile, or eject it into the project (.skylift/Dockerfile.<variant>) to edit it")
    .addArgument(projectDirArgument())
    .addOption(variantOption())
    .option('--eject', 'write it into the project; later builds use your copy')
    .option('--json', 'print the result as JSON on stdout')
    .action(async (dir: string, opts: { variant: TargetName; eject?: boolean; json?: boolean }) => {
      const out = { json: Boolean(opts.json) };
      await withCli(out, async ({ call }) => {
        if (!opts.eject) {
          // Printing is pure (no engine, no store): the same generator the contract's project:open uses.
          const { plan, dockerfile, ejected } = dockerfileFor(requireProject(dir), opts.variant, skyliftVersion);
          printResult(out, { variant: opts.variant, plan, dockerfile, ejected }, () => dockerfile.trimEnd());
          return;
        }
        const existing = ejectedDockerfilePath(dir, opts.variant);
        if (fs.existsSync(existing)) {
          printError(out, { code: 'ALREADY_EJECTED', message: `${existing} already exists; it was left as it is.`, hint: 'Edit it, or delete it to go back to the generated Dockerfile.' });
          process.exitCode = ExitCode.Failed;
          return;
        }
        const { path: file } = await call('project', 'eject', { dir, variant: opts.variant });
        printResult(out, { path: file }, () => `Wrote ${file}; skylift build now uses it for ${opts.variant}.`);
      });
    });
}
