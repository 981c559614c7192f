import type { AppError, BenchRun, DeployPlan, PlanLine, RunTarget, WireOverhead } from '../../../../shared/contract';
import type { LambdaCostBreakdown } from '../../../../shared/cloud/lambda-cost';
import { runTargetLabel } from '../../../../shared/bench/run-target';
import { formatBytes } from '../../../../shared/text/bytes';

/** A plan line's action as `terraform plan` marks it: + create, ~ update, - delete, … */
export const ACTION_MARK: Record<PlanLine['action'], string> = {
  create: '+',
  update: '~',
  replace: '±',
  delete: '−',
  keep: '=',
  push: '↑',
  publish: '+',
  move: '→',
};

/** "128 → 512", "(none) → live", "512" (kept), "" when the line names no values. */
export function planLineChange(line: Pick<PlanLine, 'before' | 'after'>): string {
  const { before, after } = line;
  if (before === null && after === null) return '';
  if (before === after) return before ?? '';
  if (before === null) return `→ ${after}`;
  if (after === null) return `${before} → (removed)`;
  return `${before} → ${after}`;
}

/** A plan line as one sentence for a screen reader or a copy: "update memory (MB): 128 → 512 (why)". */
export function planLineText(line: PlanLine): string {
  const change = planLineChange(line);
  return `${line.action} ${line.subject}${change ? `: ${change}` : ''}${line.detail ? ` (${line.detail})` : ''}`;
}

/** What a push would move, in one sentence. */
export function pushSummary(push: DeployPlan['push']): string {
  if (push.alreadyPushed) return 'Nothing to push: the repository already holds this image.';
  const skipped = push.layers - push.layersToPush;
  const layers = `${push.layersToPush} of ${push.layers} layer${push.layers === 1 ? '' : 's'}`;
  const skip = skipped > 0 ? `; ${skipped} skipped, the registry has ${skipped === 1 ? 'it' : 'them'}` : '';
  return `Push ${layers}, up to ${formatBytes(push.bytesToPush)}${skip}.`;
}

/** skylift.yaml's `name:`, for the examples a page shows (a project without one says <project>). */
export function projectNameIn(yaml: string): string {
  return /^name:\s*["']?([\w.-]+)/m.exec(yaml)?.[1] ?? '<project>';
}

/** Apply refused because the cloud changed since the plan was read. */
export const isStalePlan = (error: Pick<AppError, 'code'> | null | undefined): boolean => error?.code === 'PLAN_STALE';

/** Dollars per 1M inferences: "$12.34", "$0.0417", "$0" — enough digits to tell small costs apart. */
export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd)) return '–';
  if (usd === 0) return '$0';
  if (usd >= 100) return `$${Math.round(usd).toLocaleString('en-US')}`;
  if (usd >= 1) return `$${usd.toFixed(2)}`;
  return `$${usd.toPrecision(3)}`;
}

/** "compute $1.23 · init $0.0417 · requests $0.200" (and storage where charged). */
export function costParts(cost: LambdaCostBreakdown): string {
  const { compute, init, requests, ephemeralStorage } = cost.perMillion;
  const parts = [`compute ${formatUsd(compute)}`, `init ${formatUsd(init)}`, `requests ${formatUsd(requests)}`];
  if (ephemeralStorage !== null && ephemeralStorage > 0) parts.push(`storage ${formatUsd(ephemeralStorage)}`);
  return parts.join(' · ');
}

/** Where the prices came from: "us-east-1 arm64 prices of 2025-11-30, https://aws.amazon.com/lambda/pricing/ (memory override)". */
export function costSource(cost: LambdaCostBreakdown): string {
  const { prices } = cost;
  const when = prices.takenOn ? ` of ${prices.takenOn}` : '';
  const overridden = prices.overridden.length > 0 ? ` (project override: ${prices.overridden.join(', ')})` : '';
  const incomplete = cost.complete ? '' : '; a charge could not be priced and is left out';
  return `${prices.region} ${prices.architecture} prices${when}, ${prices.source}${overridden}${incomplete}`;
}

/** A run's target in the Runs words: "AWS Lambda · prod v3" for a deployment's version (shared/bench/run-target says it for all). */
export const cloudTargetLabel = (target: RunTarget): string | null => (target.kind === 'cloud' ? runTargetLabel(target) : null);

const ms = (value: number): string => (value >= 100 ? `${Math.round(value)} ms` : `${value.toPrecision(2)} ms`);

/** "RTT p50 23 ms · client p50 0.41 ms / p99 1.2 ms per request": what the laptop and the network add. */
export function wireSummary(wire: WireOverhead): string {
  return `RTT p50 ${ms(wire.rttMs.p50)} · client p50 ${ms(wire.clientOverheadMs.p50)} / p99 ${ms(wire.clientOverheadMs.p99)} per request`;
}

/** "sha256:0123456789ab" — enough of a digest to tell images apart. */
export const shortDigest = (digest: string): string => digest.slice(0, 19);

/**
 * The local bench of the same bytes as a cloud run: cloud runs record the pushed image's config
 * digest as their image id, which is the local image's id; a local run of a pulled image may also
 * share the repository digest.
 */
export function findLocalTwin<R extends Pick<BenchRun, 'id' | 'target' | 'runKind' | 'imageId' | 'imageDigest' | 'summary'>>(runs: readonly R[], cloud: R): R | null {
  const digest = cloud.imageDigest?.digest ?? null;
  const sameImage = (run: R) => (cloud.imageId !== null && run.imageId === cloud.imageId) || (digest !== null && run.imageDigest?.digest === digest);
  return runs.find((run) => run.target.kind === 'local' && run.runKind === 'bench' && run.summary?.warm && sameImage(run)) ?? null;
}

