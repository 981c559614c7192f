import fs from 'node:fs';
import { Option, type Command } from 'commander';
import { exportRun } from '../../core/runs/export';
import { openCliCore } from '../context';
import { ExitCode, printError, printResult } from '../output';
import { describeRun, runListLine } from './run-text';

const notFound = (runId: string) => ({ code: 'NOT_FOUND', message: `No bench run with id ${runId}.`, hint: 'skylift runs list shows them.' });

/** `skylift runs list|show|export|delete`: stored bench runs, with how each ended. */
export function registerRunsCommands(program: Command): void {
  const runs = program.command('runs').description('Stored bench runs: list, show, export, delete');
  runs
    .command('list')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const core = openCliCore();
      const list = core.runStore.list(200);
      printResult({ json: Boolean(opts.json) }, list, () => (list.length === 0 ? 'No bench runs yet: skylift bench PROJECT_DIR' : list.map(runListLine).join('\n')));
      await core.close();
    });
  runs
    .command('show')
    .argument('<run-id>')
    .option('--json', 'print JSON')
    .action(async (runId: string, opts: { json?: boolean }) => {
      const core = openCliCore();
      const run = core.runStore.get(runId);
      if (!run) {
        printError({ json: Boolean(opts.json) }, notFound(runId));
        process.exitCode = ExitCode.Failed;
      } else printResult({ json: Boolean(opts.json) }, run, () => describeRun(run));
      await core.close();
    });
  runs
    .command('export')
    .argument('<run-id>')
    .addOption(new Option('--format <format>', 'file format').choices(['csv', 'json']).default('csv'))
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action(async (runId: string, opts: { format: 'csv' | 'json'; output?: string }) => {
      const core = openCliCore();
      const run = core.runStore.get(runId);
      if (!run) {
        printError({ json: false }, notFound(runId));
        process.exitCode = ExitCode.Failed;
      } else {
        const file = exportRun(run, core.runStore.samples(runId), opts.format);
        if (opts.output) fs.writeFileSync(opts.output, file.content);
        else process.stdout.write(file.content);
      }
      await core.close();
    });
  runs
    .command('delete')
    .argument('<run-id>')
    .description('delete a run and its samples (also one whose record is damaged)')
    .action(async (runId: string) => {
      const core = openCliCore();
      if (core.runStore.delete(runId)) process.stdout.write(`Deleted run ${runId}.\n`);
      else {
        printError({ json: false }, notFound(runId));
        process.exitCode = ExitCode.Failed;
      }
      await core.close();
    });
}
