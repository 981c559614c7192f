import type { DeployPlan, DestroyPlan, PlanLine } from '../../../../shared/contract/deploy';
import { formatBytes } from '../../../../shared/text/bytes';

/** Each action's mark, as `terraform plan` prints them: + adds, ~ changes, - removes, > moves. */
const MARKS: Record<PlanLine['action'], string> = { create: '+', update: '~', replace: '-/+', delete: '-', keep: ' ', push: '↑', publish: '+', move: '>' };

/** One plan line: `~ update memory (MB): 1024 → 2048`, its reason indented below. */
export function planLineText(line: PlanLine): string {
  // "create function iris", not "create function iris: iris".
  if (line.before === null && line.after !== null && line.subject.endsWith(` ${line.after}`)) line = { ...line, after: null };
  const values = line.before !== null && line.after !== null ? `: ${line.before} → ${line.after}` : line.after !== null ? `: ${line.after}` : line.before !== null ? `: ${line.before}` : '';
  const head = `${MARKS[line.action]} ${line.action} ${line.subject}${values}`;
  return line.detail ? `${head}\n    ${line.detail}` : head;
}

/** What a push would move: layers and bytes, and the layers skipped because the repository has them. */
export function pushText(push: DeployPlan['push']): string {
  if (push.alreadyPushed) return 'The repository already has this image: nothing to push.';
  const skipped = push.layers - push.layersToPush;
  return `Push ${push.layersToPush} of ${push.layers} layers, up to ${formatBytes(push.bytesToPush)}${skipped > 0 ? ` (${skipped} skipped: the repository already has them)` : ''}.`;
}

/** The whole deploy plan as the CLI prints it before asking. */
export function deployPlanText(plan: DeployPlan): string {
  const head = `Deployment ${plan.deployment}: function ${plan.functionName}, alias ${plan.alias}, ${plan.region} (account ${plan.account}, profile ${plan.profile})`;
  const warnings = plan.warnings.map((w) => `warning: ${w}`);
  if (!plan.changes) return [head, ...warnings, 'No changes: the alias already serves this image with these settings.'].join('\n');
  return [head, '', ...changedLines(plan.lines), '', pushText(plan.push), ...warnings].join('\n');
}

/** The lines that change something; what stays as it is is counted, as terraform hides unchanged attributes. */
function changedLines(lines: readonly PlanLine[]): string[] {
  const kept = lines.filter((l) => l.action === 'keep').length;
  const shown = lines.filter((l) => l.action !== 'keep').map(planLineText);
  return kept ? [...shown, `  (${kept} unchanged not shown; --json lists them)`] : shown;
}

/** The destroy plan as the CLI prints it before asking. */
export function destroyPlanText(plan: DestroyPlan): string {
  const head = `Destroy deployment ${plan.deployment}: function ${plan.functionName} in ${plan.region}`;
  const warnings = plan.warnings.map((w) => `warning: ${w}`);
  if (!plan.changes) return [head, ...warnings, 'Nothing to destroy: Skylift finds nothing of this deployment in the cloud.'].join('\n');
  return [head, '', ...changedLines(plan.lines), ...warnings].join('\n');
}
