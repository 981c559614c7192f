import type { Command } from 'commander';
import type { DestroyPlan } from '../../../shared/contract/deploy';
import { ExitCode, printResult } from '../output';
import { readTarget } from './deploy/cli-target';
import { agreed } from './deploy/consent';
import { withCore } from './deploy/core-call';
import { followCloudJob } from './deploy/follow-cloud-job';
import { destroyPlanText } from './deploy/plan-text';

interface DestroyOptions {
  images?: boolean;
  yes?: boolean;
  json?: boolean;
}

export function registerDestroyCommand(program: Command): void {
  program
    .command('destroy')
    .description('Remove what Skylift created for a deployment (function, aliases, versions; images with --images), after showing the plan')
    .argument('[project-dir]', 'folder with skylift.yaml (default: the current folder; one word that is not a folder is the deployment)')
    .argument('[deployment]', "a name under deployments: in skylift.yaml (default: the project's only one)")
    .option('--images', 'also delete the images Skylift pushed to the ECR repository')
    .option('-y, --yes', 'destroy without asking (needed when there is no terminal)')
    .option('--json', 'print {plan, result} as JSON on stdout')
    .addHelpText('after', '\nExit status: 0 destroyed (or nothing to destroy); 1 failed or not confirmed; 2 the plan needs confirmation and there is no terminal (pass --yes).')
    .action(async (first: string | undefined, second: string | undefined, opts: DestroyOptions) => {
      const out = { json: Boolean(opts.json) };
      await withCore(out, async ({ core, call, deploymentOf }) => {
        const target = readTarget(first, second);
        const deployment = await deploymentOf(target);
        const images = Boolean(opts.images);
        const plan = await call('deploy', 'destroyPlan', { dir: target.dir, deployment, images });
        if (!out.json) process.stdout.write(`${destroyPlanText(plan)}\n`);
        if (!plan.changes) return printDone(out, plan, null);
        if (!(await agreed(opts.yes, 'Destroy these?', out.json ? { plan } : undefined))) {
          process.stderr.write('Not destroyed: nothing was changed.\n');
          process.exitCode = ExitCode.Failed;
          return;
        }
        const job = await call('deploy', 'destroy', { dir: target.dir, deployment, images, fingerprint: plan.fingerprint });
        printDone(out, plan, await followCloudJob(core, job, 'destroy', { quiet: out.json }));
      });
    });
}

function printDone(out: { json: boolean }, plan: DestroyPlan, result: { deployment: string; deleted: string[] } | null): void {
  if (out.json) return printResult(out, { plan, result }, () => '');
  if (result) process.stdout.write(`Destroyed ${result.deployment}: ${result.deleted.length ? result.deleted.join(', ') : 'nothing was left to delete'}\n`);
}
