import type { Command } from 'commander';
import { requireJobResult, type JobEvent } from '../../../shared/contract';
import type { TargetName } from '../../../shared/project/schema';
import { toAppError } from '../../core/errors';
import { openCliCore } from '../context';
import { followJob } from '../job-follow';
import { readPayload } from '../read-payload';
import { startupTimeoutOption, variantOption } from '../options';
import { ExitCode, printError, printResult } from '../output';

/** An aws-lambda run answers Lambda's Invoke API: where, and a command to try it. */
function invokeApiLines(core: ReturnType<typeof openCliCore>, jobId: string): string {
  const api = core.runService.liveRun(jobId).invokeApi;
  if (!api) return '';
  return (
    `Invoke API: ${api.endpoint} (function name: ${api.functionName}; any credentials and region are accepted, none is checked)\n` +
    `  aws lambda invoke --endpoint-url ${api.endpoint} --function-name ${api.functionName} out.json   (add --payload fileb://event.json to send an event)\n`
  );
}

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
          if (event === 'jobs:event' && e.jobId === job.id && e.type === 'step') process.stdout.write(`${e.name}\n${invokeApiLines(core, job.id)}Press Ctrl-C to stop.\n`);
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
        const payload = await readPayload(opts.payload); // bounded; refuses FIFOs, devices and folders
        const { job, events } = await followJob(core, core.runService.startInvoke({ dir, variant: opts.variant, payload, startupTimeoutSeconds: opts.startupTimeout }), { quiet: out.json });
        if (job.state !== 'succeeded') {
          printError(out, job.error ?? { code: 'CANCELLED', message: 'Cancelled.' });
          process.exitCode = ExitCode.Failed;
          return;
        }
        const answer = requireJobResult('invoke', events);
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
