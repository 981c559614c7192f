import { InvalidArgumentError, type Command } from 'commander';
import { capWarning, lambdaEnvironmentPlan } from '../../../shared/bench/environments';
import { BENCH_DEFAULTS } from '../../../shared/contract/bench-defaults';
import type { TargetName } from '../../../shared/project/schema';
import { invokesLikeLambda } from '../../../shared/targets';
import { withCli, type CoreCall } from '../dispatch';
import { benchLiveText } from '../bench-live';
import { followJob } from '../job-follow';
import { startupTimeoutOption, variantOption } from '../options';
import { ExitCode, printError, printResult } from '../output';
import { benchPayloads } from '../payload-choice';
import { projectDirArgument } from '../project-arg';
import { describeRun, runStateWord } from './run-text';
import { registerRunsCommands } from './runs';

interface BenchOptions {
  variant: TargetName;
  requests?: number;
  concurrency: number;
  rate?: number;
  duration?: number;
  warmup: number;
  cold: number;
  payload?: string[];
  json?: boolean;
  startupTimeout?: number;
  deployment?: string;
}

const count = (name: string, min = 1) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) throw new InvalidArgumentError(`${name} must be a number ≥ ${min}.`);
  return n;
};

/** The run a bench job stored, read back through the contract (newest first, so it is near the top). */
const runOfJob = async (call: CoreCall, jobId: string) => (await call('runs', 'list', { limit: 20 })).find((run) => run.jobId === jobId);

export function registerBenchCommands(program: Command): void {
  program
    .command('bench')
    .description('Measure a built variant: warm-up, then closed loop (--requests/--concurrency) or open loop (--rate/--duration), plus cold starts')
    .addArgument(projectDirArgument())
    .addOption(variantOption())
    .addOption(startupTimeoutOption())
    .option('--requests <n>', 'closed loop: measured requests', count('--requests'), BENCH_DEFAULTS.requests)
    .option('--concurrency <n>', 'closed loop: requests in flight', count('--concurrency'), BENCH_DEFAULTS.concurrency)
    .option('--rate <per-second>', 'open loop: arrivals per second (latency from the intended send time)', count('--rate', 0.1))
    .option('--duration <seconds>', 'open loop: how long', count('--duration'))
    .option('--warmup <n>', 'requests sent and discarded first', count('--warmup', 0), BENCH_DEFAULTS.warmup)
    .option('--cold <k>', 'cold starts to measure: each restarts the variant and times its first answer', count('--cold', 0), BENCH_DEFAULTS.coldStarts)
    .option('--payload <name-or-file>', "a payload of the project by name, or a JSON file (saved for the project under its file name); repeatable (default: the project's first payload)", (v: string, prev: string[] = []) => [...prev, v])
    .option('--deployment <name>', "bench a deployment's alias in the cloud (skylift.yaml deployments:) instead of the local variant")
    .option('--json', 'print the run and its summary as JSON')
    .action(async (dir: string, opts: BenchOptions, command: Command) => {
      const out = { json: Boolean(opts.json) };
      const requestsGiven = command.getOptionValueSource('requests') === 'cli';
      if (opts.rate !== undefined && requestsGiven) command.error('error: choose closed loop (--requests) or open loop (--rate with --duration), not both', { exitCode: ExitCode.Usage });
      if (opts.rate !== undefined && opts.duration === undefined) command.error('error: --rate needs --duration', { exitCode: ExitCode.Usage });
      const load = opts.rate !== undefined ? { mode: 'open' as const, ratePerSec: opts.rate, durationSec: opts.duration! } : { mode: 'closed' as const, requests: opts.requests ?? BENCH_DEFAULTS.requests, concurrency: opts.concurrency };
      await withCli(out, async ({ core, call }) => {
        const payloads = await benchPayloads(call, dir, opts.payload ?? []);
        for (const line of payloads.said) process.stderr.write(`${line}\n`);
        const job = await call('bench', 'start', { dir, variant: opts.variant, load, warmup: opts.warmup, coldStarts: opts.cold, payloads: payloads.names, startupTimeoutSeconds: opts.startupTimeout, ...(opts.deployment ? { deployment: opts.deployment } : {}) });
        // The job logs the cap warning, which --json keeps off stderr: say it there anyway, before the bench runs.
        const capNote = out.json && invokesLikeLambda(opts.variant) ? capWarning(lambdaEnvironmentPlan(load, (await call('settings', 'get', {})).lambdaMaxEnvironments)) : null;
        if (capNote) process.stderr.write(`warning: ${capNote}\n`);
        const { job: done } = await followJob(core, job, { quiet: out.json, progress: benchLiveText() });
        // However the bench ended, its run keeps what was measured: show it, and fail the command unless it completed.
        const run = await runOfJob(call, job.id);
        if (done.state !== 'succeeded') {
          const error = done.error ?? { code: 'CANCELLED', message: run ? `Bench cancelled; run ${run.id} keeps the ${(run.summary?.warm?.count ?? 0).toLocaleString('en-US')} requests measured before it (partial).` : 'Bench cancelled.' };
          printError(out, run ? { ...error, details: { ...error.details, runId: run.id, runState: runStateWord(run) } } : error);
          if (run && !out.json) process.stderr.write(`${describeRun(run)}\n`);
          process.exitCode = ExitCode.Failed;
          return;
        }
        printResult(out, { runId: run?.id ?? null, summary: run?.summary ?? null, run: run ?? null }, () => (run ? describeRun(run) : 'The bench finished but its run is not in the store.'));
      });
    });

  registerRunsCommands(program);
}
