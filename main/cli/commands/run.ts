import fs from 'node:fs';
import type { Command } from 'commander';
import type { JobEvent } from '../../../shared/contract';
import type { TargetName } from '../../../shared/project/schema';
import { toAppError } from '../../core/errors';
import { openCliCore } from '../context';
import { followJob } from '../job-follow';
import { startupTimeoutOption, variantOption } from '../options';
import { ExitCode, printError, printResult } from '../output';

export function registerRunCommands(program: Command): void {
  program
    .command('run')
    .description('Start a built variant locally under its target protocol and print its address; Ctrl-C stops it')
    .argument('<project-dir>', 'folder with skylift.yaml')
    .addOption(variantOption())
    .addOption(startupTimeoutOption())
    .action(async (dir: string, opts: { variant: TargetName; startupTimeout?: number }) => {
      const core = openCliCore();
      try {
        const job = core.runService.startRun({ dir, variant: opts.variant, startupTimeoutSeconds: opts.startupTimeout });
        const announce = core.bus.subscribe((event, payload) => {
          const e = payload as JobEvent;
          if (event === 'jobs:event' && e.jobId === job.id && e.type === 'step') process.stdout.write(`${e.name}\nPress Ctrl-C to stop.\n`);
        });
        const { job: done } = await followJob(core, job);
        announce();
        if (done.state === 'failed') {
          printError({ json: false }, done.error!);
          process.exitCode = ExitCode.Failed;
        }
      } catch (error) {
        printError({ json: false }, toAppError(error));
        process.exitCode = ExitCode.Failed;
      } finally {
        await core.close();
      }
    });

  program
    .command('invoke')
    .description("Send one request through the variant's own protocol (Lambda Runtime API, custom handler, HTTP); the response on stdout")
    .argument('<project-dir>', 'folder with skylift.yaml')
    .addOption(variantOption())
    .addOption(startupTimeoutOption())
    .requiredOption('--payload <file>', 'JSON request body (- for stdin)')
    .option('--json', 'print {status, body, latency, report} as JSON')
    .action(async (dir: string, opts: { variant: TargetName; payload: string; json?: boolean; startupTimeout?: number }) => {
      const out = { json: Boolean(opts.json) };
      const core = openCliCore();
      try {
        if (opts.payload !== '-' && !fs.existsSync(opts.payload)) {
          printError(out, { code: 'NOT_FOUND', message: `No payload file at ${opts.payload}.`, hint: 'Pass a JSON file, or - to read it from stdin.' });
          process.exitCode = ExitCode.Failed;
          return;
        }
        const payload = fs.readFileSync(opts.payload === '-' ? 0 : opts.payload); // bytes: decoding here would hide invalid UTF-8
        const { job, result } = await followJob(core, core.runService.startInvoke({ dir, variant: opts.variant, payload, startupTimeoutSeconds: opts.startupTimeout }), { quiet: out.json });
        if (job.state !== 'succeeded') {
          printError(out, job.error ?? { code: 'CANCELLED', message: 'Cancelled.' });
          process.exitCode = ExitCode.Failed;
          return;
        }
        const answer = result as { ok: boolean; body: string; status: number | string; report?: string };
        printResult(out, answer, () => answer.body);
        if (!answer.ok) process.exitCode = ExitCode.Failed;
      } catch (error) {
        printError(out, toAppError(error));
        process.exitCode = ExitCode.Failed;
      } finally {
        await core.close();
      }
    });
}
