import fs from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { LatencySummaryData } from '../../../shared/contract/runs';
import type { TargetName } from '../../../shared/project/schema';
import { toAppError } from '../../core/errors';
import { exportRun } from '../../core/runs/export';
import { openCliCore } from '../context';
import { followJob } from '../job-follow';
import { ExitCode, printError, printResult } from '../output';

interface BenchOptions {
  variant: TargetName;
  requests?: number;
  concurrency: number;
  rate?: number;
  duration?: number;
  warmup: number;
  cold: number;
  payload: string[];
  json?: boolean;
}

const count = (name: string, min = 1) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) throw new InvalidArgumentError(`${name} must be a number ≥ ${min}.`);
  return n;
};

export function registerBenchCommands(program: Command): void {
  program
    .command('bench')
    .description('Measure a built variant: warm-up, then closed loop (--requests/--concurrency) or open loop (--rate/--duration), plus cold starts')
    .argument('<project-dir>', 'folder with skylift.yaml')
    .addOption(new Option('--variant <variant>', 'which built variant').choices(['local', 'aws-lambda', 'azure-functions']).default('local'))
    .option('--requests <n>', 'closed loop: measured requests', count('--requests'))
    .option('--concurrency <n>', 'closed loop: requests in flight', count('--concurrency'), 1)
    .option('--rate <per-second>', 'open loop: arrivals per second (latency from the intended send time)', count('--rate', 0.1))
    .option('--duration <seconds>', 'open loop: how long', count('--duration'))
    .option('--warmup <n>', 'requests sent and discarded first', count('--warmup', 0), 10)
    .option('--cold <k>', 'cold starts to measure (restart, time to first answer)', count('--cold', 0), 0)
    .option('--payload <name>', 'a sample or saved payload by name (repeatable; default: the first)', (v: string, prev: string[]) => [...prev, v], [])
    .option('--json', 'print the run and its summary as JSON')
    .action(async (dir: string, opts: BenchOptions, command: Command) => {
      const out = { json: Boolean(opts.json) };
      if (opts.rate !== undefined && opts.requests !== undefined) command.error('error: choose closed loop (--requests) or open loop (--rate with --duration), not both', { exitCode: ExitCode.Usage });
      if (opts.rate !== undefined && opts.duration === undefined) command.error('error: --rate needs --duration', { exitCode: ExitCode.Usage });
      const load = opts.rate !== undefined ? { mode: 'open' as const, ratePerSec: opts.rate, durationSec: opts.duration! } : { mode: 'closed' as const, requests: opts.requests ?? 200, concurrency: opts.concurrency };
      const core = openCliCore();
      try {
        const job = core.runService.startBench({ dir, variant: opts.variant, load, warmup: opts.warmup, coldStarts: opts.cold, payloads: opts.payload });
        const { job: done, result } = await followJob(core, job, { quiet: out.json });
        if (done.state !== 'succeeded') {
          printError(out, done.error ?? { code: 'CANCELLED', message: 'Bench cancelled.' });
          process.exitCode = ExitCode.Failed;
          return;
        }
        const { runId, summary } = result as { runId: string; summary: { warm: LatencySummaryData | null; cold: LatencySummaryData | null; coldSetupMs: number[] } };
        printResult(out, { runId, summary }, () => [`run ${runId}`, describeSummary('warm', summary.warm), describeSummary('cold', summary.cold)].filter(Boolean).join('\n'));
      } catch (error) {
        printError(out, toAppError(error));
        process.exitCode = ExitCode.Failed;
      } finally {
        await core.close();
      }
    });

  const runs = program.command('runs').description('Stored bench runs: list, show, export');
  runs
    .command('list')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const core = openCliCore();
      const list = core.runStore.list(200);
      printResult({ json: Boolean(opts.json) }, list, () =>
        list.length === 0 ? 'No bench runs yet: skylift bench PROJECT_DIR' : list.map((r) => `${r.id}  ${r.createdAt}  ${r.project}/${r.variant}  ${r.state}  p50 ${r.summary?.warm?.p50Ms.toFixed(2) ?? '-'} ms`).join('\n'),
      );
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
        printError({ json: Boolean(opts.json) }, { code: 'NOT_FOUND', message: `No bench run with id ${runId}.`, hint: 'skylift runs list shows them.' });
        process.exitCode = ExitCode.Failed;
      } else printResult({ json: Boolean(opts.json) }, run, () => [`${run.project}/${run.variant} on ${run.target}, ${run.imageTag} ${run.imageId?.slice(7, 19)}`, describeSummary('warm', run.summary?.warm ?? null), describeSummary('cold', run.summary?.cold ?? null)].filter(Boolean).join('\n'));
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
        printError({ json: false }, { code: 'NOT_FOUND', message: `No bench run with id ${runId}.`, hint: 'skylift runs list shows them.' });
        process.exitCode = ExitCode.Failed;
      } else {
        const file = exportRun(run, core.runStore.samples(runId), opts.format);
        if (opts.output) fs.writeFileSync(opts.output, file.content);
        else process.stdout.write(file.content);
      }
      await core.close();
    });
}

function describeSummary(label: string, s: LatencySummaryData | null): string {
  if (!s) return '';
  return `${label}: ${s.count} requests, ${s.errors} errors, p50 ${s.p50Ms.toFixed(2)} ms, p90 ${s.p90Ms.toFixed(2)}, p99 ${s.p99Ms.toFixed(2)}, p99.9 ${s.p999Ms.toFixed(2)}, max ${s.maxMs.toFixed(2)}, mean ${s.meanMs.toFixed(2)}, ${s.throughputPerSec.toFixed(1)} req/s`;
}
