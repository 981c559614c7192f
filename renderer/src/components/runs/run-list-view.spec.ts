import { describe, expect, it } from 'vitest';
import type { BenchRun } from '../../../../shared/contract';
import { filterOptions, NO_FILTER, viewRuns } from './run-list-view';

const run = (id: string, extra: Partial<BenchRun> & { p50?: number; p99?: number; usd?: number }): BenchRun => {
  const { p50, p99, usd, ...rest } = extra;
  const warm = p50 === undefined ? null : { count: 10, errors: 0, errorRate: 0, throughputPerSec: 5, meanMs: p50, p50Ms: p50, p90Ms: p50, p99Ms: p99 ?? p50, p999Ms: p99 ?? p50, maxMs: 99, minMs: 1 };
  return {
    ...{ id, jobId: null, project: 'numpy', projectDir: '/p', variant: 'local', target: { kind: 'local', variant: 'local' }, runKind: 'bench', imageId: null, imageTag: null, imageDigest: null },
    settings: { dir: '/p', variant: 'local', load: { mode: 'closed', requests: 2, concurrency: 1 }, warmup: 0, coldStarts: 0, payloads: [] },
    summary: warm ? { warm, cold: null, coldSetupMs: [], partial: false } : null,
    ...{ state: 'complete', createdAt: '2026-12-01T10:00:00.000Z', environments: null, failure: null, wire: null, name: null, note: null, tags: [] },
    cost: usd === undefined ? null : ({ perMillion: { total: usd } } as BenchRun['cost']),
    ...rest,
  };
};

const lambda = { kind: 'local', variant: 'aws-lambda' } as const;
const runs = [
  run('a', { createdAt: '2026-12-03T10:00:00.000Z', p50: 5, p99: 40, usd: 2, tags: ['baseline'], name: 'Before batching' }),
  run('b', { createdAt: '2026-12-02T10:00:00.000Z', p50: 3, p99: 50, project: 'iris', target: lambda, usd: 1 }),
  run('c', { createdAt: '2026-12-01T10:00:00.000Z', runKind: 'verify', note: 'checked after the GPU driver update', tags: ['gpu', 'baseline'] }),
  run('d', { createdAt: '2026-12-04T10:00:00.000Z', p50: 4, p99: 30 }),
];
const ids = (list: BenchRun[]) => list.map((r) => r.id);

describe('the Runs list view', () => {
  it('filters by project, target, kind and tag, each alone and together', () => {
    expect(ids(viewRuns(runs, { ...NO_FILTER, project: 'iris' }, 'newest'))).toEqual(['b']);
    expect(ids(viewRuns(runs, { ...NO_FILTER, target: 'local · aws-lambda' }, 'newest'))).toEqual(['b']);
    expect(ids(viewRuns(runs, { ...NO_FILTER, kind: 'verify' }, 'newest'))).toEqual(['c']);
    expect(ids(viewRuns(runs, { ...NO_FILTER, tag: 'baseline' }, 'newest'))).toEqual(['a', 'c']);
    expect(ids(viewRuns(runs, { ...NO_FILTER, tag: 'baseline', project: 'numpy', kind: 'bench' }, 'newest'))).toEqual(['a']);
  });

  it('finds words in the name, note and tags, in any case and order', () => {
    expect(ids(viewRuns(runs, { ...NO_FILTER, text: 'batching BEFORE' }, 'newest'))).toEqual(['a']);
    expect(ids(viewRuns(runs, { ...NO_FILTER, text: 'driver' }, 'newest'))).toEqual(['c']);
    expect(ids(viewRuns(runs, { ...NO_FILTER, text: 'gpu' }, 'newest'))).toEqual(['c']);
    expect(ids(viewRuns(runs, { ...NO_FILTER, text: 'nothing-like-this' }, 'newest'))).toEqual([]);
  });

  it('sorts by date either way, by p50, p99 and cost, with runs lacking the figure last', () => {
    expect(ids(viewRuns(runs, NO_FILTER, 'newest'))).toEqual(['d', 'a', 'b', 'c']);
    expect(ids(viewRuns(runs, NO_FILTER, 'oldest'))).toEqual(['c', 'b', 'a', 'd']);
    expect(ids(viewRuns(runs, NO_FILTER, 'p50'))).toEqual(['b', 'd', 'a', 'c']);
    expect(ids(viewRuns(runs, NO_FILTER, 'p99'))).toEqual(['d', 'a', 'b', 'c']);
    expect(ids(viewRuns(runs, NO_FILTER, 'cost'))).toEqual(['b', 'a', 'c', 'd']);
  });

  it('offers only the values the runs have', () => {
    expect(filterOptions(runs)).toEqual({ projects: ['iris', 'numpy'], targets: ['local', 'local · aws-lambda'], kinds: ['bench', 'verify'], tags: ['baseline', 'gpu'] });
  });
});
