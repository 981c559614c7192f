import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { TargetName } from '../../../shared/project/schema';
import { dockerfileFor } from '../../core/build/variant-dockerfiles';
import { toAppError } from '../../core/errors';
import { ejectedDockerfilePath, requireProject } from '../../core/project/project-files';
import { skyliftVersion } from '../../core/version';
import { variantOption } from '../options';
import { ExitCode, printError, printResult } from '../output';

export function registerDockerfileCommand(program: Command): void {
  program
    .command('dockerfile')
    .description("Print a variant's Dockerfile, or eject it into the project (.skylift/Dockerfile.<variant>) to edit it")
    .argument('<project-dir>', 'folder with skylift.yaml')
    .addOption(variantOption())
    .option('--eject', 'write it into the project; later builds use your copy')
    .option('--json', 'print the result as JSON on stdout')
    .action((dir: string, opts: { variant: TargetName; eject?: boolean; json?: boolean }) => {
      const out = { json: Boolean(opts.json) };
      try {
        const source = requireProject(dir);
        const { plan, dockerfile, ejected } = dockerfileFor(source, opts.variant, skyliftVersion);
        if (!opts.eject) {
          printResult(out, { variant: opts.variant, plan, dockerfile, ejected }, () => dockerfile.trimEnd());
          return;
        }
        const file = ejectedDockerfilePath(dir, opts.variant);
        if (fs.existsSync(file)) {
          printError(out, { code: 'ALREADY_EJECTED', message: `${file} already exists; it was left as it is.`, hint: 'Edit it, or delete it to go back to the generated Dockerfile.' });
          process.exitCode = ExitCode.Failed;
          return;
        }
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, dockerfile);
        printResult(out, { path: file }, () => `Wrote ${file}; skylift build now uses it for ${opts.variant}.`);
      } catch (error) {
        printError(out, toAppError(error));
        process.exitCode = ExitCode.Failed;
      }
    });
}
