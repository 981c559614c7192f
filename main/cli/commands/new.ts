import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { CallOutput } from '../../../shared/contract';
import { PROJECT_FILE } from '../../../shared/project/parse';
import { withCli, type CoreCall } from '../dispatch';
import { ExitCode, printError, printResult, type Output } from '../output';

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
    .action(async (dir: string | undefined, opts: NewOptions, command: Command) => {
      const out = { json: Boolean(opts.json) };
      if (!opts.list && !dir) command.error('error: name the folder: skylift new --sample NAME DIR, or skylift new DIR', { exitCode: ExitCode.Usage });
      await withCli(out, async ({ call }) => {
        if (opts.list) {
          const samples = await call('samples', 'list', {});
          printResult(out, samples, () => samples.map(sampleLine).join('\n'));
          return;
        }
        if (opts.sample) {
          const { dir: created } = await call('samples', 'create', { sample: opts.sample, dir: dir! });
          printResult(out, { dir: created }, () => `Created ${created} from the ${opts.sample} sample.\nNext: skylift build ${created}`);
          return;
        }
        await proposeInto(call, dir!, out);
      });
    });
}

/** A sample's name and what it is: its README's first sentence (the title is the name again). */
function sampleLine(sample: CallOutput<'samples', 'list'>[number]): string {
  const about = firstSentence(sample.description) || (sample.title !== sample.name ? sample.title : '');
  return `${sample.name.padEnd(20)} ${about}`.trimEnd();
}

const firstSentence = (text: string): string => /^.*?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;

async function proposeInto(call: CoreCall, dir: string, out: Output): Promise<void> {
  const file = path.join(path.resolve(dir), PROJECT_FILE);
  if (fs.existsSync(file)) {
    printError(out, { code: 'PROJECT_EXISTS', message: `${file} already exists; nothing was changed.`, hint: `Edit it, or build: skylift build ${dir}` });
    process.exitCode = ExitCode.Failed;
    return;
  }
  const proposal = await call('project', 'propose', { dir: path.resolve(dir) });
  fs.writeFileSync(file, proposal.yaml, { flag: 'wx' });
  printResult(out, { file, ...proposal }, () => [`Wrote ${file}:`, proposal.yaml, ...proposal.notes.map((n) => `note: ${n}`)].join('\n'));
}
