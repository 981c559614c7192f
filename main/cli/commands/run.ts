import type { Command } from 'commander';
import { requireJobResult, type InvocationData, type JobEvent } from '../../../shared/contract';
import type { AppError } from '../../../shared/errors';
import type { TargetName } from '../../../shared/project/schema';
import { withCli, type CoreCall } from '../dispatch';
import { followJob } from '../job-follow';
import { startupTimeoutOption, variantOption } from '../options';
import { ExitCode, printError, printResult } from '../output';
import { invokePayload } from '../payload-choice';
import { projectDirArgument } from '../project-arg';

/** An aws-lambda run answers Lambda's Invoke API: where, and a command to try it (read through run:health, as the UI does). */
async function invokeApiLines(call: CoreCall, jobId: string): Promise<string> {
  const api = (await call('run', 'health', { jobId }).catch(() => null))?.invokeApi;
  if (!api) return '';
  return (
    `Invoke API: ${api.endpoint} (function name: ${api.functionName}; any credentials and region are accepted, none is checked)\n` +
    `  aws lambda invoke --endpoint-url ${api.endpoint} --function-name ${api.functionName} out.json   (add --payload fileb://event.json to send an event)\n`
  );
}

/** The model answered, but with an error: say so on stderr (the answer itself stays on stdout). */
function answerError(answer: InvocationData): AppError {
  const what = answer.functionError ? `${answer.functionError} (status ${answer.status})` : `status ${answer.status}`;
  return {
    code: 'INVOKE_FAILED',
    message: `The variant answered with an error: ${what}; its answer is on stdout.`,
    hint: "The model's own output is in the log above; fix predict (or the payload) and try again.",
  };
}

export function registerRunCommands(program: Command): void {
  program
    .command('run')
    .description('Start a built variant locally under its target protocol and print its address; Ctrl-C stops it')
    .addArgument(projectDirArgument())
    .addOption(variantOption())
    .addOption(startupTimeoutOption())
    .option('--watch', 'rebuild on save: a saved change rebuilds the variant and swaps the container behind the same address (the old one serves until the new one is ready)')
    .action(async (dir: string, opts: { variant: TargetName; startupTimeout?: number; watch?: boolean }) => {
      await withCli({ json: false }, async ({ core, call }) => {
        const job = await call('run', 'start', { dir, variant: opts.variant, startupTimeoutSeconds: opts.startupTimeout, ...(opts.watch ? { watch: true } : {}) });
        const announce = core.bus.subscribe((event, payload) => {
          const e = payload as JobEvent;
          if (event !== 'jobs:event' || e.jobId !== job.id || e.type !== 'step') return;
          // The first step is the run answering; each later one is a swap in watch mode (its timings).
          if (e.index > 1) process.stdout.write(`${e.name}\n`);
          else void invokeApiLines(call, job.id).then((lines) => process.stdout.write(`${e.name}\n${lines}Press Ctrl-C to stop.\n`));
        });
        const { job: done } = await followJob(core, job);
        announce();
        if (done.state === 'failed') {
          printError({ json: false }, done.error!);
          process.exitCode = ExitCode.Failed;
        }
      });
    });

  program
    .command('invoke')
    .description("Send one request through the variant's own protocol (Lambda Runtime API, custom handler, HTTP); the response on stdout")
    .addArgument(projectDirArgument())
    .addOption(variantOption())
    .addOption(startupTimeoutOption())
    .requiredOption('--payload <name-or-file>', "a payload of the project by name, or a JSON file (- for stdin)")
    .option('--json', 'print {status, body, latency, report} as JSON')
    .action(async (dir: string, opts: { variant: TargetName; payload: string; json?: boolean; startupTimeout?: number }) => {
      const out = { json: Boolean(opts.json) };
      await withCli(out, async ({ core, call }) => {
        const payload = await invokePayload(call, dir, opts.payload); // bounded; refuses FIFOs, devices and folders
        process.stderr.write(`${payload.said}\n`);
        const job = await call('run', 'invokeOnce', { dir, variant: opts.variant, payloadBase64: payload.bytes.toString('base64'), startupTimeoutSeconds: opts.startupTimeout });
        const { job: done, events } = await followJob(core, job, { quiet: out.json });
        if (done.state !== 'succeeded') {
          printError(out, done.error ?? { code: 'CANCELLED', message: 'Cancelled.' });
          process.exitCode = ExitCode.Failed;
          return;
        }
        const answer = requireJobResult('invoke', events);
        printResult(out, answer, () => answer.body);
        if (answer.ok) return;
        if (!out.json) printError(out, answerError(answer));
        process.exitCode = ExitCode.Failed;
      });
    });
}
