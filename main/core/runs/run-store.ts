import { benchRunSchema, runTargetSchema, type BenchRun, type BenchSampleData, type RunUpdate } from '../../../shared/contract/runs';
import { SkyliftError, type AppError } from '../../../shared/errors';
import type { Db } from '../store/database';
import type { SampleColumns } from '../../../shared/contract/runs-samples';
import { summaryFromSamples } from './run-summary';
import { readSampleColumns } from './sample-columns';
import { dropStoredColumns, loadStoredColumns, storeColumns } from './stored-columns';
import { SampleWriter, type SampleWriterOptions } from './sample-writer';

interface RunRow {
  id: string;
  job_id: string | null;
  project: string;
  project_dir: string;
  variant: string;
  target: string;
  image_id: string | null;
  image_tag: string | null;
  image_digest: string | null;
  image_digest_source: string | null;
  run_kind: string;
  settings: string;
  summary: string | null;
  state: string;
  created_at: string;
  environments: string | null;
  failure: string | null;
  wire: string | null;
  cost: string | null;
  name: string | null;
  note: string | null;
  tags: string;
}

interface SampleRow {
  seq: number;
  t_ms: number;
  latency_ms: number;
  ok: number;
  status: string;
  cold: number;
  server_ms: number | null;
  init_ms: number | null;
  billed_ms: number | null;
  max_memory_mb: number | null;
}

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/** The target as JSON; a row still in the old `local/<variant>` form (written by a Skylift before migration 6) reads the same as migrated. */
function storedTarget(text: string): unknown {
  const legacy = /^local\/(.+)$/.exec(text);
  return legacy ? { kind: 'local', variant: legacy[1] } : parseJson(text);
}

/** A JSON column, or undefined when it is not JSON (the schema then names the field). */
function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A row as a run; a row damaged by hand or by a broken disk is a STORE_CORRUPT error naming the run, never a half-read run. */
function toRun(row: RunRow): BenchRun {
  const parsed = benchRunSchema.safeParse({
    id: row.id,
    jobId: row.job_id,
    project: row.project,
    projectDir: row.project_dir,
    variant: row.variant,
    target: storedTarget(row.target),
    runKind: row.run_kind,
    imageId: row.image_id,
    imageTag: row.image_tag,
    imageDigest: row.image_digest ? { digest: row.image_digest, source: row.image_digest_source } : null,
    settings: parseJson(row.settings),
    summary: parseJson(row.summary),
    state: row.state,
    createdAt: row.created_at,
    environments: parseJson(row.environments),
    failure: parseJson(row.failure),
    wire: parseJson(row.wire),
    cost: parseJson(row.cost),
    name: row.name,
    note: row.note,
    tags: parseJson(row.tags),
  });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new SkyliftError({
    code: 'STORE_CORRUPT',
    message: `Skylift's record of bench run ${row.id} is damaged: ${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'}.`,
    hint: `Delete that run (skylift runs delete ${row.id}; its samples go with it) and bench again if you need its numbers.`,
  });
}

/** Bench runs and every one of their samples, for charts, comparison and export. */
export class RunStore {
  constructor(private readonly db: Db) {}

  insert(run: BenchRun): void {
    this.db
      .prepare(
        'INSERT INTO bench_runs (id, job_id, project, project_dir, variant, target, run_kind, image_id, image_tag, image_digest, image_digest_source, settings, summary, state, created_at, environments, failure, wire, cost) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        ...[run.id, run.jobId, run.project, run.projectDir, run.variant, JSON.stringify(runTargetSchema.parse(run.target)), run.runKind],
        ...[run.imageId, run.imageTag, run.imageDigest?.digest ?? null, run.imageDigest?.source ?? null],
        ...[JSON.stringify(run.settings), json(run.summary), run.state, run.createdAt, json(run.environments), json(run.failure), json(run.wire), json(run.cost)],
      );
  }

  /** Ends a run; its samples are kept once more as columns, which is how the Runs page will read them. */
  finish(id: string, state: BenchRun['state'], summary: BenchRun['summary'], failure: AppError | null = null): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE bench_runs SET state = ?, summary = ?, failure = ? WHERE id = ?').run(state, json(summary), json(failure), id);
      if (state !== 'running') storeColumns(this.db, id, readSampleColumns(this.db, id));
    })();
  }

  /** A cloud run's measured client overhead and round trip, and a Lambda run's cost, once they are known. */
  setWireAndCost(id: string, wire: BenchRun['wire'], cost: BenchRun['cost']): void {
    this.db.prepare('UPDATE bench_runs SET wire = ?, cost = ? WHERE id = ?').run(json(wire), json(cost), id);
  }

  /** The user's name, note and tags: each field given replaces the stored one, an empty name or note clears it. */
  update(id: string, fields: Omit<RunUpdate, 'runId'>): BenchRun {
    const text = (value: string | undefined) => (value === undefined ? undefined : value.trim() || null);
    const set: Record<string, string | null> = {};
    if (fields.name !== undefined) set.name = text(fields.name)!;
    if (fields.note !== undefined) set.note = text(fields.note)!;
    if (fields.tags !== undefined) set.tags = JSON.stringify(fields.tags);
    const columns = Object.keys(set);
    if (columns.length > 0) this.db.prepare(`UPDATE bench_runs SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...Object.values(set), id);
    const run = this.get(id);
    if (!run) throw new SkyliftError({ code: 'NOT_FOUND', message: `No bench run with id ${id}.`, hint: 'skylift runs list shows them.' });
    return run;
  }

  addSamples(runId: string, samples: readonly BenchSampleData[]): void {
    const insert = this.db.prepare(
      'INSERT INTO bench_samples (run_id, seq, t_ms, latency_ms, ok, status, cold, server_ms, init_ms, billed_ms, max_memory_mb) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      dropStoredColumns(this.db, runId);
      for (const s of samples) {
        insert.run(runId, s.seq, s.tMs, s.latencyMs, s.ok ? 1 : 0, String(s.status), s.cold ? 1 : 0, s.serverDurationMs, s.initDurationMs ?? null, s.billedDurationMs ?? null, s.maxMemoryUsedMb ?? null);
      }
    })();
  }

  /** Stores a running bench's samples in batches as they come, so a killed process keeps them. */
  sampleWriter(runId: string, options?: SampleWriterOptions): SampleWriter {
    return new SampleWriter((batch) => this.addSamples(runId, batch), options);
  }

  /**
   * Runs still marked running whose job is not live any more were cut off with their process:
   * marks them `interrupted`, with a partial summary of the samples that reached the store.
   */
  sweepInterrupted(isJobLive: (jobId: string) => boolean): BenchRun[] {
    const stale = (this.db.prepare("SELECT * FROM bench_runs WHERE state = 'running'").all() as RunRow[]).filter((row) => !row.job_id || !isJobLive(row.job_id));
    for (const row of stale) this.finish(row.id, 'interrupted', summaryFromSamples(this.samples(row.id), { partial: true }));
    return stale.map((row) => this.get(row.id)!);
  }

  get(id: string): BenchRun | undefined {
    const row = this.db.prepare('SELECT * FROM bench_runs WHERE id = ?').get(id) as RunRow | undefined;
    return row && toRun(row);
  }

  /** The run a bench job stored (a job makes at most one). */
  byJob(jobId: string): BenchRun | undefined {
    const row = this.db.prepare('SELECT * FROM bench_runs WHERE job_id = ? ORDER BY rowid DESC LIMIT 1').get(jobId) as RunRow | undefined;
    return row && toRun(row);
  }

  list(limit: number): BenchRun[] {
    return (this.db.prepare('SELECT * FROM bench_runs ORDER BY created_at DESC, rowid DESC LIMIT ?').all(limit) as RunRow[]).map(toRun);
  }

  /** Every run of one image digest, newest first: a local run and the cloud runs of the same bytes, side by side. */
  withDigest(digest: string): BenchRun[] {
    return (this.db.prepare('SELECT * FROM bench_runs WHERE image_digest = ? ORDER BY created_at DESC, rowid DESC').all(digest) as RunRow[]).map(toRun);
  }

  /**
   * The same samples as typed columns, for the charts (runs.samples): no object per sample. A
   * finished run's come from the one row kept when it finished; a run finished before that row
   * existed gets it on its first read. A running run's are read from its samples each time.
   */
  sampleColumns(runId: string): SampleColumns {
    const stored = loadStoredColumns(this.db, runId);
    if (stored) return stored;
    const state = (this.db.prepare('SELECT state FROM bench_runs WHERE id = ?').get(runId) as { state: string } | undefined)?.state;
    if (state === undefined || state === 'running') return readSampleColumns(this.db, runId);
    // Holding the write lock, so no other process adds samples between the read and the row kept.
    return this.db
      .transaction(() => {
        const columns = readSampleColumns(this.db, runId);
        storeColumns(this.db, runId, columns);
        return columns;
      })
      .immediate();
  }

  samples(runId: string): BenchSampleData[] {
    const rows = this.db
      .prepare('SELECT seq, t_ms, latency_ms, ok, status, cold, server_ms, init_ms, billed_ms, max_memory_mb FROM bench_samples WHERE run_id = ? ORDER BY seq')
      .all(runId) as SampleRow[];
    return rows.map((r) => ({
      seq: r.seq,
      tMs: r.t_ms,
      latencyMs: r.latency_ms,
      ok: r.ok === 1,
      status: /^\d+$/.test(r.status) ? Number(r.status) : r.status,
      cold: r.cold === 1,
      serverDurationMs: r.server_ms,
      initDurationMs: r.init_ms,
      billedDurationMs: r.billed_ms,
      maxMemoryUsedMb: r.max_memory_mb,
    }));
  }

  /** Ids that start with `prefix` (compared as text, no wildcards), for git-style short ids; at most `limit`. */
  idsStartingWith(prefix: string, limit: number): string[] {
    const rows = this.db.prepare('SELECT id FROM bench_runs WHERE substr(id, 1, ?) = ? ORDER BY id LIMIT ?').all(prefix.length, prefix, limit) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM bench_runs WHERE id = ?').run(id).changes > 0;
  }
}
