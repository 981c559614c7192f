import type { Command } from 'commander';
import type { DeploymentSummary } from '../../../shared/contract/deploy';
import { printResult } from '../output';
import { toProjectDir } from '../project-arg';
import { withCore } from './deploy/core-call';

export function registerDeploymentsCommands(program: Command): void {
  const deployments = program.command('deployments').description("A project's deployments (skylift.yaml deployments:) and what is live in each");

  deployments
    .command('list')
    .description('Each deployment: target, region, function, alias, and the version live there')
    .argument('[project-dir]', 'folder with skylift.yaml (or the skylift.yaml itself)', toProjectDir, '.')
    .option('--json', 'print the list as JSON')
    .action(async (dir: string, opts: { json?: boolean }) => {
      const out = { json: Boolean(opts.json) };
      await withCore(out, async ({ call }) => {
        const list = await call('deployments', 'list', { dir });
        printResult(out, list, () => (list.length ? list.map(summaryLine).join('\n') : 'No deployments: add one under deployments: in skylift.yaml.'));
      });
    });

  deployments
    .command('show')
    .description('One deployment with its releases, newest first')
    .usage('[project-dir] <name> [options]')
    .argument('<project-dir-or-name>', 'folder with skylift.yaml, then the name (one word: the name, in the current folder)')
    .argument('[name]', 'the deployment')
    .option('--json', 'print it as JSON')
    .action(async (first: string, second: string | undefined, opts: { json?: boolean }) => {
      const out = { json: Boolean(opts.json) };
      // One word is the name (the project in the current folder); two are folder and name.
      const [dir, name] = second === undefined ? ['.', first] : [first, second];
      await withCore(out, async ({ call }) => {
        const summary = await call('deployments', 'show', { dir, name });
        printResult(out, summary, () => showText(summary));
      });
    });
}

function liveText(summary: DeploymentSummary): string {
  return summary.live ? `version ${summary.live.version} (since ${summary.live.deployedAt})` : 'not published';
}

function summaryLine(summary: DeploymentSummary): string {
  return `${summary.name.padEnd(12)} ${summary.target.padEnd(11)} ${summary.region.padEnd(14)} ${summary.functionName}:${summary.alias}  ${liveText(summary)}`;
}

function showText(summary: DeploymentSummary): string {
  const lines = [
    `${summary.name}: ${summary.target}, profile ${summary.profile}, ${summary.region}`,
    `  function ${summary.functionName}, alias ${summary.alias}`,
    `  live     ${liveText(summary)}`,
  ];
  if (summary.live) lines.push(`  arn      ${summary.live.functionArn}`, `  image    ${summary.live.imageDigest}`);
  if (summary.history.length) lines.push('Releases (newest first):', ...summary.history.map((r) => `  version ${r.version.padEnd(5)} ${r.deployedAt}  ${r.imageDigest.slice(0, 19)}`));
  return lines.join('\n');
}
