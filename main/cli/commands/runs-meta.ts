import type { Command } from 'commander';
import { BAD_INPUT_IS_USAGE, withCli } from '../dispatch';
import { printResult } from '../output';
import { describeRun } from './run-text';

const jsonOption = (opts: { json?: boolean }) => ({ json: Boolean(opts.json) });

/**
 * `skylift runs name|note|tag`: the name, note and tags the Runs page edits, through the same
 * runs.update call (the contract checks lengths and tag characters for both).
 */
export function registerRunMetaCommands(runs: Command): void {
  runs
    .command('name')
    .description("name a run (an empty name clears it)")
    .argument('<run-id>')
    .argument('<name>')
    .option('--json', 'print JSON')
    .action(async (runId: string, name: string, opts: { json?: boolean }) => {
      await withCli(jsonOption(opts), async ({ call }) => {
        const run = await call('runs', 'update', { runId, name });
        printResult(jsonOption(opts), run, () => describeRun(run));
      }, { usageCodes: BAD_INPUT_IS_USAGE });
    });
  runs
    .command('note')
    .description("write a run's note (an empty note clears it)")
    .argument('<run-id>')
    .argument('<note>')
    .option('--json', 'print JSON')
    .action(async (runId: string, note: string, opts: { json?: boolean }) => {
      await withCli(jsonOption(opts), async ({ call }) => {
        const run = await call('runs', 'update', { runId, note });
        printResult(jsonOption(opts), run, () => describeRun(run));
      }, { usageCodes: BAD_INPUT_IS_USAGE });
    });
  runs
    .command('tag')
    .description('add tags to a run (--remove takes them off)')
    .argument('<run-id>')
    .argument('<tags...>')
    .option('--remove', 'remove these tags instead of adding them')
    .option('--json', 'print JSON')
    .action(async (runId: string, tags: string[], opts: { remove?: boolean; json?: boolean }) => {
      await withCli(jsonOption(opts), async ({ call }) => {
        const current = (await call('runs', 'get', { runId })).tags ?? [];
        const next = opts.remove ? current.filter((tag) => !tags.includes(tag)) : [...current, ...tags];
        const run = await call('runs', 'update', { runId, tags: next });
        printResult(jsonOption(opts), run, () => describeRun(run));
      }, { usageCodes: BAD_INPUT_IS_USAGE });
    });
}
