import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { samplesFromColumns } from '../../../shared/contract/runs-samples';
import type { BenchRun, BenchSampleData } from '../../../shared/contract/runs';
import { useTempDir } from '../../../test/helpers/temp';
import { openDatabase } from '../store/database';
import { RunStore } from './run-store';

const run = (id: string): BenchRun => ({
  id, jobId: null, project: 'p', projectDir: '/p', variant: 'local', target: { kind: 'local', variant: 'local' }, runKind: 'bench',
  imageDigest: null, imageId: null, imageTag: null,
  settings: { dir: '/p', variant: 'local', load: { mode: 'closed', requests: 3, concurrency: 1 }, warmup: 0, coldStarts: 1, payloads: [] },
  summary: null, state: 'complete', createdAt: new Date().toISOString(), environments: null, failure: null, wire: null, cost: null,
} as BenchRun);

describe('RunStore.sampleColumns', () => {
  const temp = useTempDir();

  it('reads the same samples as the row reader, as columns, and only the run asked for', () => {
    const store = new RunStore(openDatabase(path.join(temp(), 'skylift.db')));
    store.insert(run('a'));
    store.insert(run('b'));
    const samples: BenchSampleData[] = [
      { seq: 0, tMs: 0, latencyMs: 812.5, ok: true, status: 200, cold: true, serverDurationMs: null, initDurationMs: 640.25, billedDurationMs: 700, maxMemoryUsedMb: 128 },
      { seq: 1, tMs: 1.000001, latencyMs: 2.0000003, ok: false, status: 'timeout', cold: false, serverDurationMs: null, initDurationMs: null, billedDurationMs: null, maxMemoryUsedMb: null },
      { seq: 2, tMs: 3.5, latencyMs: 1.25, ok: true, status: 200, cold: false, serverDurationMs: 1.1, initDurationMs: null, billedDurationMs: 2, maxMemoryUsedMb: 130 },
    ];
    // Stored out of order: both readers give them by seq.
    store.addSamples('a', [samples[2], samples[0], samples[1]]);
    store.addSamples('b', [{ ...samples[0], seq: 9 }]);
    const columns = store.sampleColumns('a');
    expect(columns.status.values).toEqual([200, 'timeout']);
    expect(samplesFromColumns(columns)).toEqual(store.samples('a'));
    expect(samplesFromColumns(columns)).toEqual(samples);
    expect(store.sampleColumns('missing').count).toBe(0);
  });
});
