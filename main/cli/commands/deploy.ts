import { Option, type Command } from 'commander';
import type { DeployPlan, DeployResult, RoleChoice } from '../../../shared/contract/deploy';
import { ExitCode, printResult } from '../output';
import { readTarget } from './deploy/cli-target';
import { agreed, CONFIRMATION_NEEDED } from './deploy/consent';
import { SkyliftError } from '../../../shared/errors';
import { withCore } from './deploy/core-call';
import { followCloudJob } from './deploy/follow-cloud-job';
import { deployPlanText } from './deploy/plan-text';

interface DeployOptions {
  plan?: boolean;
  yes?: boolean;
  json?: boolean;
  createRole?: boolean;
  role?: string;
}

const roleChoice = (opts: DeployOptions): RoleChoice | undefined => (opts.createRole ? { mode: 'create' } : opts.role ? { mode: 'existing', roleArn: opts.role } : undefined);

export function registerDeployCommand(program: Command): void {
  program
    .command('deploy')
    .description("Publish the built image to a deployment from skylift.yaml: print the plan, then apply it (push, create or update, publish a version, move the alias)")
    .argument('[project-dir]', 'folder with skylift.yaml (default: the current folder; one word that is not a folder is the deployment)')
    .argument('[deployment]', "a name under deployments: in skylift.yaml (default: the project's only one)")
    .option('--plan', 'print the plan and stop; changes nothing')
    .option('-y, --yes', 'apply without asking (needed when there is no terminal, as in CI)')
    .addOption(new Option('--create-role', 'create the execution role skylift-<project> if the function has none').conflicts('role'))
    .option('--role <arn>', 'the execution role to give the function')
    .option('--json', 'print {plan, result} as JSON on stdout')
    .addHelpText('after', '\nExit status: 0 published (or nothing to change, or --plan); 1 failed or not confirmed; 2 the plan needs confirmation and there is no terminal (pass --yes).')
    .action(async (first: string | undefined, second: string | undefined, opts: DeployOptions) => {
      const out = { json: Boolean(opts.json) };
      await withCore(out, async ({ core, call, deploymentOf }) => {
        const target = readTarget(first, second);
        const deployment = await deploymentOf(target);
        const role = roleChoice(opts);
        const plan = await call('deploy', 'plan', { dir: target.dir, deployment, ...(role ? { role } : {}) });
        if (!out.json) process.stdout.write(`${deployPlanText(plan)}\n`);
        if (opts.plan || !plan.changes) return printDone(out, plan, null);
        if (plan.roleNeeded) throw roleNeeded(plan.roleNeeded.createName, out.json ? { plan } : undefined);
        if (!(await agreed(opts.yes, 'Apply this plan?', out.json ? { plan } : undefined))) return notConfirmed();
        const job = await call('deploy', 'apply', { dir: target.dir, deployment, fingerprint: plan.fingerprint, ...(role ? { role } : {}) });
        const result = await followCloudJob(core, job, 'deploy', { quiet: out.json });
        printDone(out, plan, result);
      });
    });
}

function printDone(out: { json: boolean }, plan: DeployPlan, result: DeployResult | null): void {
  if (out.json) return printResult(out, { plan, result }, () => '');
  if (result) process.stdout.write(`${publishedText(result, plan.dir)}\n`);
}

function publishedText(result: DeployResult, dir: string): string {
  const lines = [`Published ${result.deployment}: version ${result.version} behind alias ${result.alias}`, `  function ${result.functionArn}`, `  image    ${result.imageUri}`];
  if (result.previousVersion) lines.push(`  the alias was at version ${result.previousVersion}; go back with: skylift rollback ${dir} ${result.deployment}`);
  lines.push(`Check it answers as the local variant does: skylift verify ${dir} ${result.deployment}`);
  return lines.join('\n');
}

function notConfirmed(): void {
  process.stderr.write('Not applied: nothing was changed.\n');
  process.exitCode = ExitCode.Failed;
}

/** Nothing can be applied before a role is chosen: say the two ways, as flags (exit 2, as a usage error). */
function roleNeeded(createName: string, details?: Record<string, unknown>): SkyliftError {
  return new SkyliftError({
    code: CONFIRMATION_NEEDED,
    message: 'This plan needs an execution role for the function, and none is given.',
    hint: `Run again with --create-role (Skylift creates ${createName}) or --role arn:aws:iam::ACCOUNT:role/NAME, or set role: in the deployment in skylift.yaml.`,
    ...(details ? { details } : {}),
  });
}
