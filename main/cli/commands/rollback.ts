import { InvalidArgumentError, type Command } from 'commander';
import { printResult } from '../output';
import { readTarget } from './deploy/cli-target';
import { withCore } from './deploy/core-call';
import { followCloudJob } from './deploy/follow-cloud-job';

const version = (value: string): string => {
  if (!/^[1-9]\d{0,18}$/.test(value)) throw new InvalidArgumentError('a published version is a number: 1, 2, …');
  return value;
};

export function registerRollbackCommand(program: Command): void {
  program
    .command('rollback')
    .description("Point a deployment's alias back at an earlier version (default: the one before the live one)")
    .argument('[project-dir]', 'folder with skylift.yaml (default: the current folder; one word that is not a folder is the deployment)')
    .argument('[deployment]', "a name under deployments: in skylift.yaml (default: the project's only one)")
    .option('--to <version>', 'the version to point the alias at', version)
    .option('--json', 'print the result as JSON')
    .action(async (first: string | undefined, second: string | undefined, opts: { to?: string; json?: boolean }) => {
      const out = { json: Boolean(opts.json) };
      await withCore(out, async ({ core, call, deploymentOf }) => {
        const target = readTarget(first, second);
        const deployment = await deploymentOf(target);
        const job = await call('deploy', 'rollback', { dir: target.dir, deployment, ...(opts.to ? { toVersion: opts.to } : {}) });
        const result = await followCloudJob(core, job, 'rollback', { quiet: out.json });
        printResult(out, result, () => `Rolled back ${result.deployment}: alias ${result.alias} ${result.fromVersion} → ${result.toVersion}`);
      });
    });
}
