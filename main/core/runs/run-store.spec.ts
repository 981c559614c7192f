import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BenchRun, BenchSampleData } from '../../../shared/contract/runs';
import { useTempDir } from '../../../test/helpers/temp';
import { openDatabase } from '../store/database';
import { RunStore } from './run-store';

const run = (id: string, jobId: string | null, state: BenchRun['state'] = 'running'): BenchRun => ({
  id,
  jobId,
  project: 'p',
  projectDir: '/p',
  variant: 'aws-lambda',
  target: 'local/aws-lambda',
  imageId: null,
  imageTag: null,
  settings: { dir: '/p', variant: 'aws-lambda', load: { mode: 'closed', requests: 1000, concurrency: 64 }, warmup: 0, coldStarts: 0, payloads: [] },
  summary: null,
  state,
  createdAt: new Date().toISOString(),
  environments: { requested: 64, effective: 4, cappedBy: 4 },
  failure: null,
});

const sample = (seq: number, latencyMs: number, ok = true): BenchSampleData => ({ seq, tMs: seq * 10, latencyMs, ok, status: ok ? 200 : 'error', cold: false, serverDurationMs: null });

describe('RunStore', () => {
  const tempDir = useTempDir();
  const open = () => {
    const db = openDatabase(path.join(tempDir(), 'skylift.db'));
    // Runs reference jobs; these tests make the jobs they name.
    for (const id of ['dead-job', 'live-job']) db.prepare("INSERT INTO jobs (id, kind, title, state, created_at) VALUES (?, 'bench', 't', 'running', 'now')").run(id);
    return { db, store: new RunStore(db) };
  };

  it('keeps the requested and effective environments and a failure with the run', () => {
    const { db, store } = open();
    store.insert(run('a', null));
    store.finish('a', 'failed', null, { code: 'CONTAINER_EXITED', message: 'exited with code 137 (killed: out of memory)' });
    expect(store.get('a')).toMatchObject({ state: 'failed', environments: { requested: 64, effective: 4, cappedBy: 4 }, failure: { code: 'CONTAINER_EXITED' } });
    db.close();
  });

  it('marks runs cut off with their process interrupted, with a partial summary of the samples that were stored', () => {
    const { db, store } = open();
    store.insert(run('cut', 'dead-job'));
    store.insert(run('live', 'live-job'));
    store.insert(run('done', 'dead-job', 'complete'));
    store.addSamples('cut', [sample(0, 5), sample(1, 7), sample(2, 9, false)]);
    const swept = store.sweepInterrupted((jobId) => jobId === 'live-job');
    expect(swept.map((r) => r.id)).toEqual(['cut']);
    expect(store.get('cut')).toMatchObject({ state: 'interrupted', summary: { partial: true, warm: { count: 3, errors: 1, p50Ms: 5, maxMs: 7 } } });
    expect(store.get('live')?.state).toBe('running');
    expect(store.get('done')?.state).toBe('complete');
    expect(store.samples('cut')).toHaveLength(3);
    db.close();
  });

  it('reads runs stored before these fields existed: no environments, no failure, a summary not partial', () => {
    const { db, store } = open();
    db.prepare("INSERT INTO bench_runs (id, project, project_dir, variant, target, settings, summary, state, created_at) VALUES ('old', 'p', '/p', 'local', 'local/local', ?, ?, 'complete', 'now')")
      .run(JSON.stringify(run('x', null).settings), JSON.stringify({ warm: null, cold: null, coldSetupMs: [] }));
    expect(store.get('old')).toMatchObject({ environments: null, failure: null, summary: { partial: false } });
    db.close();
  });
});
