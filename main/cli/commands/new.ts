import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { PROJECT_FILE } from '../../../shared/project/parse';
import { toAppError } from '../../core/errors';
import { proposeConfig } from '../../core/project/propose';
import { createFromSample, listSamples } from '../../core/project/samples';
import { resourcesDir } from '../context';
import { ExitCode, printError, printResult } from '../output';

interface NewOptions {
  sample?: string;
  list?: boolean;
  json?: boolean;
}

export function registerNewCommand(program: Command): void {
  program
    .command('new')
    .description('Start a project: copy a sample (--sample NAME DIR), or propose skylift.yaml for an existing folder (DIR)')
    .argument('[dir]', 'the folder for the project')
    .option('--sample <name>', 'copy this sample into DIR (see --list)')
    .option('--list', 'list the samples')
    .option('--json', 'print the result as JSON on stdout')
    .action((dir: string | undefined, opts: NewOptions, command: Command) => {
      const out = { json: Boolean(opts.json) };
      const samplesDir = path.join(resourcesDir(), 'samples');
      try {
        if (opts.list) {
          const samples = listSamples(samplesDir);
          printResult(out, samples, () => samples.map((s) => `${s.name.padEnd(20)} ${s.title}`).join('\n'));
          return;
        }
        if (!dir) command.error('error: name the folder: skylift new --sample NAME DIR, or skylift new DIR', { exitCode: ExitCode.Usage });
        if (opts.sample) {
          const created = createFromSample(samplesDir, opts.sample, dir!);
          printResult(out, { dir: created }, () => `Created ${created} from the ${opts.sample} sample.\nNext: skylift build ${created}`);
          return;
        }
        proposeInto(dir!, out);
      } catch (error) {
        printError(out, toAppError(error));
        process.exitCode = ExitCode.Failed;
      }
    });
}

function proposeInto(dir: string, out: { json: boolean }): void {
  const file = path.join(path.resolve(dir), PROJECT_FILE);
  if (fs.existsSync(file)) {
    printError(out, { code: 'PROJECT_EXISTS', message: `${file} already exists; nothing was changed.`, hint: `Edit it, or build: skylift build ${dir}` });
    process.exitCode = ExitCode.Failed;
    return;
  }
  const proposal = proposeConfig(path.resolve(dir));
  fs.writeFileSync(file, proposal.yaml, { flag: 'wx' });
  printResult(out, { file, ...proposal }, () => [`Wrote ${file}:`, proposal.yaml, ...proposal.notes.map((n) => `note: ${n}`)].join('\n'));
}
