import { describeEnvironments } from '../../../shared/bench/environments';
import { runTargetLabel } from '../../../shared/bench/run-target';
import type { BenchRun, LatencySummaryData } from '../../../shared/contract/runs';

/** "complete", "cancelled · partial": the run's state as the CLI prints it, partial when it stopped early. */
export function runStateWord(run: Pick<BenchRun, 'state' | 'summary'>): string {
  return run.summary?.partial ? `${run.state} · partial` : run.state;
}

/** A stored run in a few lines: what ran, how it ended, how many environments, its numbers. */
export function describeRun(run: BenchRun): string {
  const measured = run.summary?.warm?.count ?? 0;
  const lines = [
    `run ${run.id}: ${runStateWord(run)}`,
    run.name ? `name: ${run.name}` : '',
    run.tags?.length ? `tags: ${run.tags.join(', ')}` : '',
    run.note ? `note: ${run.note.replace(/\n/g, '\n      ')}` : '',
    `${run.runKind} of ${run.project} on ${runTargetLabel(run.target)}, ${run.imageTag ?? '?'} ${run.imageId?.slice(7, 19) ?? ''}`.trimEnd(),
  ];
  if (run.imageDigest) lines.push(`image digest: ${run.imageDigest.digest} (${run.imageDigest.source === 'repo-digest' ? 'repository digest' : 'local image id, never pushed'})`);
  if (run.target.kind === 'cloud') lines.push(`function: ${run.target.functionArn}`);
  if (run.summary?.partial) lines.push(`partial: the numbers cover the ${measured.toLocaleString('en-US')} requests measured before the bench stopped`);
  if (run.failure) lines.push(`stopped: ${run.failure.message}`);
  if (run.environments) lines.push(`environments: ${describeEnvironments(run.environments)}`);
  lines.push(describeSummary('warm', run.summary?.warm ?? null), describeSummary('cold', run.summary?.cold ?? null));
  return lines.filter(Boolean).join('\n');
}

export function describeSummary(label: string, s: LatencySummaryData | null): string {
  if (!s) return '';
  return `${label}: ${s.count} requests, ${s.errors} errors, p50 ${s.p50Ms.toFixed(2)} ms, p90 ${s.p90Ms.toFixed(2)}, p99 ${s.p99Ms.toFixed(2)}, p99.9 ${s.p999Ms.toFixed(2)}, max ${s.maxMs.toFixed(2)}, mean ${s.meanMs.toFixed(2)}, ${s.throughputPerSec.toFixed(1)} req/s`;
}

/** One line per run for `skylift runs list`. */
export function runListLine(r: BenchRun): string {
  const envs = r.environments ? `  ${r.environments.effective}${r.environments.requested !== null && r.environments.requested !== r.environments.effective ? ` of ${r.environments.requested}` : ''} env` : '';
  const named = `${r.name ? `  "${r.name}"` : ''}${r.tags?.length ? `  [${r.tags.join(', ')}]` : ''}`;
  return `${r.id}  ${r.createdAt}  ${r.project}${named}  ${r.runKind}  ${runTargetLabel(r.target)}  ${runStateWord(r)}${envs}  p50 ${ms(r.summary?.warm?.p50Ms)}  p99 ${ms(r.summary?.warm?.p99Ms)}`;
}

/** A latency, or a dash where the run has none (a verify run's one request is cold, not warm). */
const ms = (value: number | undefined) => (value === undefined ? '-' : `${value.toFixed(2)} ms`);
