import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { samplesFromColumns } from '../../../shared/contract/runs-samples';
import type { BenchRun, BenchSampleData } from '../../../shared/contract/runs';
import { useTempDir } from '../../../test/helpers/temp';
import { openDatabase, type Db } from '../store/database';
import { RunStore } from './run-store';

const run = (id: string, state: BenchRun['state'] = 'running'): BenchRun => ({
  id, jobId: null, project: 'p', projectDir: '/p', variant: 'local', target: { kind: 'local', variant: 'local' }, runKind: 'bench',
  imageDigest: null, imageId: null, imageTag: null,
  settings: { dir: '/p', variant: 'local', load: { mode: 'closed', requests: 3, concurrency: 1 }, warmup: 0, coldStarts: 1, payloads: [] },
  summary: null, state, createdAt: new Date().toISOString(), environments: null, failure: null, wire: null, cost: null,
} as BenchRun);

const sample = (seq: number, extra: Partial<BenchSampleData> = {}): BenchSampleData => ({
  seq, tMs: seq * 1.000001, latencyMs: 1.25 + seq / 3, ok: true, status: 200, cold: false,
  serverDurationMs: null, initDurationMs: null, billedDurationMs: null, maxMemoryUsedMb: null, ...extra,
});

const keptRows = (db: Db, runId: string) => (db.prepare('SELECT count FROM bench_sample_columns WHERE run_id = ?').all(runId) as Array<{ count: number }>).map((r) => r.count);

describe('RunStore: a finished run\'s columns kept as one row', () => {
  const temp = useTempDir();
  const open = () => {
    const db = openDatabase(path.join(temp(), 'skylift.db'));
    return { db, store: new RunStore(db) };
  };

  it('keeps them when the run finishes and reads back exactly what the samples say', () => {
    const { db, store } = open();
    store.insert(run('a'));
    const samples = [
      sample(0, { cold: true, initDurationMs: 640.25, billedDurationMs: 700, maxMemoryUsedMb: 128 }),
      sample(1, { ok: false, status: 'timeout' }),
      sample(2, { serverDurationMs: 1.1 }),
    ];
    store.addSamples('a', samples);
    expect(keptRows(db, 'a')).toEqual([]);
    store.finish('a', 'complete', null);
    expect(keptRows(db, 'a')).toEqual([3]);
    const columns = store.sampleColumns('a');
    expect(samplesFromColumns(columns)).toEqual(samples);
    expect(samplesFromColumns(columns)).toEqual(store.samples('a'));
  });

  it('never keeps a running run\'s, and drops a kept row when samples are added', () => {
    const { db, store } = open();
    store.insert(run('a'));
    store.addSamples('a', [sample(0)]);
    expect(store.sampleColumns('a').count).toBe(1);
    expect(keptRows(db, 'a')).toEqual([]);
    store.finish('a', 'interrupted', null);
    store.addSamples('a', [sample(1)]);
    expect(keptRows(db, 'a')).toEqual([]);
    expect(samplesFromColumns(store.sampleColumns('a'))).toEqual([sample(0), sample(1)]);
    expect(keptRows(db, 'a')).toEqual([2]);
  });

  it('keeps a run finished before the row existed on its first read, and goes with the run', () => {
    const { db, store } = open();
    store.insert(run('old', 'complete'));
    store.addSamples('old', [sample(0), sample(1)]);
    expect(keptRows(db, 'old')).toEqual([]);
    expect(store.sampleColumns('old').count).toBe(2);
    expect(keptRows(db, 'old')).toEqual([2]);
    store.delete('old');
    expect(keptRows(db, 'old')).toEqual([]);
  });

  it('reads the samples again when the kept row does not read back whole', () => {
    const { db, store } = open();
    store.insert(run('a'));
    store.addSamples('a', [sample(0), sample(1, { serverDurationMs: 2 })]);
    store.finish('a', 'complete', null);
    db.prepare('UPDATE bench_sample_columns SET latency_ms = ?, server_ms = ? WHERE run_id = ?').run(Buffer.alloc(5), Buffer.alloc(3), 'a');
    expect(samplesFromColumns(store.sampleColumns('a'))).toEqual([sample(0), sample(1, { serverDurationMs: 2 })]);
    db.prepare("UPDATE bench_sample_columns SET status_values = '[200' WHERE run_id = ?").run('a');
    expect(store.sampleColumns('a').status.values).toEqual([200]);
    for (const damaged of ['null', '{"length":1}', '7']) {
      db.prepare('UPDATE bench_sample_columns SET status_values = ? WHERE run_id = ?').run(damaged, 'a');
      expect(samplesFromColumns(store.sampleColumns('a'))).toEqual([sample(0), sample(1, { serverDurationMs: 2 })]);
    }
  });
});
