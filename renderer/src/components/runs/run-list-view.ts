import type { BenchRun } from '../../../../shared/contract';
import { runTargetText } from './run-format';

/** What the Runs list shows: '' in a field means "any". */
export interface RunListFilter {
  project: string;
  target: string;
  kind: string;
  tag: string;
  text: string;
}

export const RUN_SORTS = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  p50: 'p50, fastest first',
  p99: 'p99, fastest first',
  cost: 'Cost per 1M, cheapest first',
} as const;
export type RunSort = keyof typeof RUN_SORTS;

export const NO_FILTER: RunListFilter = { project: '', target: '', kind: '', tag: '', text: '' };

/** The values each filter can take, from the runs themselves, sorted: no option that would show nothing. */
export function filterOptions(runs: readonly BenchRun[]) {
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort((a, b) => a.localeCompare(b));
  return {
    projects: sorted(runs.map((run) => run.project)),
    targets: sorted(runs.map((run) => runTargetText(run.target))),
    kinds: sorted(runs.map((run) => run.runKind)),
    tags: sorted(runs.flatMap((run) => run.tags ?? [])),
  };
}

/** The text a search looks through: name, note, tags, project, target, image and id. */
const searchable = (run: BenchRun): string =>
  [run.name, run.note, ...(run.tags ?? []), run.project, runTargetText(run.target), run.imageTag, run.id].filter(Boolean).join('\n').toLowerCase();

export function matchesFilter(run: BenchRun, filter: RunListFilter): boolean {
  if (filter.project && run.project !== filter.project) return false;
  if (filter.target && runTargetText(run.target) !== filter.target) return false;
  if (filter.kind && run.runKind !== filter.kind) return false;
  if (filter.tag && !(run.tags ?? []).includes(filter.tag)) return false;
  const words = filter.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const haystack = words.length > 0 ? searchable(run) : '';
  return words.every((word) => haystack.includes(word));
}

/** The figure a sort orders by; a run without it (still running, no cost) goes last whatever the order. */
const sortKey: Record<RunSort, (run: BenchRun) => number | undefined> = {
  newest: (run) => -Date.parse(run.createdAt),
  oldest: (run) => Date.parse(run.createdAt),
  p50: (run) => run.summary?.warm?.p50Ms,
  p99: (run) => run.summary?.warm?.p99Ms,
  cost: (run) => run.cost?.perMillion.total,
};

/** The runs that pass the filter, in the chosen order (stable: ties keep the store's newest-first order). */
export function viewRuns(runs: readonly BenchRun[], filter: RunListFilter, sort: RunSort): BenchRun[] {
  const key = sortKey[sort];
  const keyed = runs.filter((run) => matchesFilter(run, filter)).map((run, index) => ({ run, index, value: key(run) }));
  keyed.sort((a, b) => {
    const aMissing = a.value === undefined || Number.isNaN(a.value);
    const bMissing = b.value === undefined || Number.isNaN(b.value);
    if (aMissing || bMissing) return aMissing === bMissing ? a.index - b.index : aMissing ? 1 : -1;
    return a.value! - b.value! || a.index - b.index;
  });
  return keyed.map((entry) => entry.run);
}
