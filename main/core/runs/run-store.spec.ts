import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BenchRun, BenchSampleData } from '../../../shared/contract/runs';
import { useTempDir } from '../../../test/helpers/temp';
import { openDatabase } from '../store/database';
import { migrations } from '../store/migrations';
import { RunStore } from './run-store';

const run = (id: string, jobId: string | null, state: BenchRun['state'] = 'running'): BenchRun => ({
  id,
  jobId,
  project: 'p',
  projectDir: '/p',
  variant: 'aws-lambda',
  target: { kind: 'local', variant: 'aws-lambda' },
  runKind: 'bench',
  imageDigest: null,
  imageId: null,
  imageTag: null,
  settings: { dir: '/p', variant: 'aws-lambda', load: { mode: 'closed', requests: 1000, concurrency: 64 }, warmup: 0, coldStarts: 0, payloads: [] },
  summary: null,
  state,
  createdAt: new Date().toISOString(),
  environments: { requested: 64, effective: 4, cappedBy: 4 },
  failure: null,
  wire: null,
  cost: null,
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

  it('migrates runs stored by the previous schema: `local/<variant>` becomes a local target, samples gain empty REPORT columns', () => {
    const file = path.join(tempDir(), 'old.db');
    // The schema as the previous release left it: every migration before the one that structured targets.
    const before = migrations.findIndex((sql) => sql.includes('image_digest_source'));
    const old = openDatabase(file, migrations.slice(0, before));
    old.prepare("INSERT INTO bench_runs (id, project, project_dir, variant, target, settings, summary, state, created_at) VALUES ('v1', 'p', '/p', 'local', 'local/local', ?, NULL, 'complete', 'then')")
      .run(JSON.stringify(run('x', null).settings));
    old.prepare("INSERT INTO bench_runs (id, project, project_dir, variant, target, settings, summary, state, created_at) VALUES ('v2', 'p', '/p', 'aws-lambda', 'local/aws-lambda', ?, NULL, 'complete', 'then')")
      .run(JSON.stringify(run('x', null).settings));
    old.prepare("INSERT INTO bench_samples (run_id, seq, t_ms, latency_ms, ok, status, cold, server_ms) VALUES ('v2', 0, 1.5, 12.25, 1, '200', 1, 3)").run();
    old.close();

    const db = openDatabase(file);
    const store = new RunStore(db);
    expect(store.get('v1')).toMatchObject({ target: { kind: 'local', variant: 'local' }, runKind: 'bench', imageDigest: null });
    expect(store.get('v2')?.target).toEqual({ kind: 'local', variant: 'aws-lambda' });
    expect(store.samples('v2')).toEqual([
      { seq: 0, tMs: 1.5, latencyMs: 12.25, ok: true, status: 200, cold: true, serverDurationMs: 3, initDurationMs: null, billedDurationMs: null, maxMemoryUsedMb: null },
    ]);
    db.close();
  });

  it('keeps a cloud target, the run kind, the image digest and each sample\'s REPORT numbers; runs of one digest join', () => {
    const { db, store } = open();
    const digest = { digest: `sha256:${'ab'.repeat(32)}`, source: 'repo-digest' as const };
    const functionArn = 'arn:aws:lambda:eu-west-1:123456789012:function:numpy';
    store.insert({ ...run('cloud', null), target: { kind: 'cloud', deployment: 'prod', target: 'aws-lambda', functionArn, version: '3' }, runKind: 'verify', imageDigest: digest });
    store.insert({ ...run('local', null), imageDigest: digest });
    store.insert({ ...run('other', null), imageDigest: { digest: `sha256:${'cd'.repeat(32)}`, source: 'image-id' } });
    store.addSamples('cloud', [{ ...sample(0, 900), cold: true, initDurationMs: 812.5, billedDurationMs: 1004, maxMemoryUsedMb: 181 }, sample(1, 20)]);
    expect(store.get('cloud')).toMatchObject({ target: { kind: 'cloud', deployment: 'prod', functionArn, version: '3' }, runKind: 'verify', imageDigest: digest });
    expect(store.samples('cloud').map(({ initDurationMs, billedDurationMs, maxMemoryUsedMb }) => [initDurationMs, billedDurationMs, maxMemoryUsedMb])).toEqual([
      [812.5, 1004, 181],
      [null, null, null],
    ]);
    expect(store.withDigest(digest.digest).map((r) => r.id).sort()).toEqual(['cloud', 'local']);
    db.close();
  });

  it('refuses to store a target that is not one it can read back', () => {
    const { db, store } = open();
    expect(() => store.insert({ ...run('bad', null), target: 'local/local' as unknown as BenchRun['target'] })).toThrow();
    expect(store.get('bad')).toBeUndefined();
    db.close();
  });

  it('keeps a name, note and tags given after the run, replaces only the fields given, and clears with empty text', () => {
    const { db, store } = open();
    store.insert(run('named', null, 'complete'));
    expect(store.get('named')).toMatchObject({ name: null, note: null, tags: [] });
    store.update('named', { name: 'before batching', note: 'numpy 2', tags: ['baseline', 'cpu'] });
    expect(store.update('named', { tags: ['cpu'] })).toMatchObject({ name: 'before batching', note: 'numpy 2', tags: ['cpu'] });
    expect(store.update('named', { name: '  ', note: '' })).toMatchObject({ name: null, note: null, tags: ['cpu'] });
    expect(store.list(10).find((r) => r.id === 'named')?.tags).toEqual(['cpu']);
    expect(() => store.update('missing', { name: 'x' })).toThrow(/No bench run with id missing/);
    db.close();
  });
});
