import fs from 'node:fs';
import { Option, type Command } from 'commander';
import { SkyliftError } from '../../../shared/errors';
import { withCli } from '../dispatch';
import { printResult } from '../output';
import { describeRun, runListLine } from './run-text';
import { registerRunMetaCommands } from './runs-meta';

const RUN_ID = ['<run-id>', 'the run id, or its first characters if no other run starts with them'] as const;

/**
 * `skylift runs list|show|export|delete`: stored bench runs, with how each ended. Each goes through
 * the contract's calls, so a run id may be a unique prefix and an export is redacted as the UI's is.
 */
export function registerRunsCommands(program: Command): void {
  const runs = program.command('runs').description('Stored bench runs: list, show, export, delete, name, note, tag');
  registerRunMetaCommands(runs);
  runs
    .command('list')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const out = { json: Boolean(opts.json) };
      await withCli(out, async ({ call }) => {
        const list = await call('runs', 'list', {});
        printResult(out, list, () => (list.length === 0 ? 'No bench runs yet: skylift bench PROJECT_DIR' : list.map(runListLine).join('\n')));
      });
    });
  runs
    .command('show')
    .argument(...RUN_ID)
    .option('--json', 'print JSON')
    .action(async (runId: string, opts: { json?: boolean }) => {
      const out = { json: Boolean(opts.json) };
      await withCli(out, async ({ call }) => {
        const run = await call('runs', 'get', { runId });
        printResult(out, run, () => describeRun(run));
      });
    });
  runs
    .command('export')
    .argument(...RUN_ID)
    .addOption(new Option('--format <format>', 'file format').choices(['csv', 'json']).default('csv'))
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action(async (runId: string, opts: { format: 'csv' | 'json'; output?: string }) => {
      await withCli({ json: false }, async ({ call }) => {
        const file = await call('runs', 'export', { runId, format: opts.format });
        if (opts.output) fs.writeFileSync(opts.output, file.content);
        else process.stdout.write(file.content);
      });
    });
  runs
    .command('delete')
    .argument(...RUN_ID)
    .description('delete a run and its samples (also one whose record is damaged)')
    .action(async (runId: string) => {
      await withCli({ json: false }, async ({ call }) => {
        const { deleted, runId: id } = await call('runs', 'delete', { runId });
        if (!deleted) throw notFound(runId);
        process.stdout.write(`Deleted run ${id ?? runId}.\n`);
      });
    });
}

const notFound = (runId: string) => new SkyliftError({ code: 'NOT_FOUND', message: `No bench run with id ${runId}.`, hint: 'skylift runs list shows them.' });
