import type { Command } from 'commander';
import type { VerifyResult } from '../../../shared/contract/deploy';
import { ExitCode, printResult } from '../output';
import { readTarget } from './deploy/cli-target';
import { withCore } from './deploy/core-call';
import { followCloudJob } from './deploy/follow-cloud-job';

interface VerifyOptions {
  payload?: string;
  rollbackOnFailure?: boolean;
  json?: boolean;
}

export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description("Invoke a deployment's alias and compare its answer with the local variant's for the same payload; stores a verify run")
    .argument('[project-dir]', 'folder with skylift.yaml (default: the current folder; one word that is not a folder is the deployment)')
    .argument('[deployment]', "a name under deployments: in skylift.yaml (default: the project's only one)")
    .option('--payload <name|file>', "a sample or saved payload by name, or a JSON file (default: the project's first sample payload)")
    .option('--rollback-on-failure', 'move the alias back to the previous version when verification fails')
    .option('--json', 'print the verification as JSON')
    .addHelpText('after', '\nExit status: 0 verified; 1 a check failed (each is printed) or the deployment could not be reached.')
    .action(async (first: string | undefined, second: string | undefined, opts: VerifyOptions) => {
      const out = { json: Boolean(opts.json) };
      await withCore(out, async ({ core, call, deploymentOf }) => {
        const target = readTarget(first, second);
        const deployment = await deploymentOf(target);
        const job = await call('deploy', 'verify', { dir: target.dir, deployment, rollbackOnFailure: Boolean(opts.rollbackOnFailure), ...(opts.payload !== undefined ? { payload: opts.payload } : {}) });
        const result = await followCloudJob(core, job, 'verify', { quiet: out.json });
        printResult(out, result, () => verifyText(result));
        if (!result.ok) process.exitCode = ExitCode.Failed;
      });
    });
}

export function verifyText(result: VerifyResult): string {
  const head = `${result.ok ? 'Verified' : 'Verification FAILED for'} ${result.deployment}: version ${result.version} (${result.functionArn})`;
  const checks = result.checks.map((c) => `  ${c.status.toUpperCase().padEnd(4)} ${c.name}: ${c.detail}`);
  const report = result.report;
  const numbers = report
    ? [`  report: billed ${report.billedDurationMs ?? '—'} ms, max memory ${report.maxMemoryUsedMb ?? '—'} MB${report.initDurationMs != null ? `, init ${report.initDurationMs} ms (cold start)` : ''}`]
    : [];
  const after = [
    ...(result.rolledBackTo ? [`Rolled back: the alias points at version ${result.rolledBackTo} again.`] : []),
    ...(!result.ok && !result.rolledBackTo ? ['To go back to the previous version: skylift rollback (or verify again with --rollback-on-failure).'] : []),
    ...(result.runId ? [`Run ${result.runId} (skylift runs show ${result.runId})`] : []),
  ];
  return [head, ...checks, ...numbers, ...after].join('\n');
}
