import { benchRunSchema, type BenchRun, type BenchSampleData } from '../../../shared/contract/runs';
import type { Db } from '../store/database';

interface RunRow {
  id: string;
  job_id: string | null;
  project: string;
  project_dir: string;
  variant: string;
  target: string;
  image_id: string | null;
  image_tag: string | null;
  settings: string;
  summary: string | null;
  state: string;
  created_at: string;
}

const toRun = (row: RunRow): BenchRun =>
  benchRunSchema.parse({
    id: row.id,
    jobId: row.job_id,
    project: row.project,
    projectDir: row.project_dir,
    variant: row.variant,
    target: row.target,
    imageId: row.image_id,
    imageTag: row.image_tag,
    settings: JSON.parse(row.settings),
    summary: row.summary ? JSON.parse(row.summary) : null,
    state: row.state,
    createdAt: row.created_at,
  });

/** Bench runs and every one of their samples, for charts, comparison and export. */
export class RunStore {
  constructor(private readonly db: Db) {}

  insert(run: BenchRun): void {
    this.db
      .prepare('INSERT INTO bench_runs (id, job_id, project, project_dir, variant, target, image_id, image_tag, settings, summary, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(run.id, run.jobId, run.project, run.projectDir, run.variant, run.target, run.imageId, run.imageTag, JSON.stringify(run.settings), run.summary ? JSON.stringify(run.summary) : null, run.state, run.createdAt);
  }

  finish(id: string, state: BenchRun['state'], summary: BenchRun['summary']): void {
    this.db.prepare('UPDATE bench_runs SET state = ?, summary = ? WHERE id = ?').run(state, summary ? JSON.stringify(summary) : null, id);
  }

  addSamples(runId: string, samples: readonly BenchSampleData[]): void {
    const insert = this.db.prepare('INSERT INTO bench_samples (run_id, seq, t_ms, latency_ms, ok, status, cold, server_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const s of samples) insert.run(runId, s.seq, s.tMs, s.latencyMs, s.ok ? 1 : 0, String(s.status), s.cold ? 1 : 0, s.serverDurationMs);
    })();
  }

  get(id: string): BenchRun | undefined {
    const row = this.db.prepare('SELECT * FROM bench_runs WHERE id = ?').get(id) as RunRow | undefined;
    return row && toRun(row);
  }

  list(limit: number): BenchRun[] {
    return (this.db.prepare('SELECT * FROM bench_runs ORDER BY created_at DESC, rowid DESC LIMIT ?').all(limit) as RunRow[]).map(toRun);
  }

  samples(runId: string): BenchSampleData[] {
    const rows = this.db.prepare('SELECT seq, t_ms, latency_ms, ok, status, cold, server_ms FROM bench_samples WHERE run_id = ? ORDER BY seq').all(runId) as Array<{
      seq: number;
      t_ms: number;
      latency_ms: number;
      ok: number;
      status: string;
      cold: number;
      server_ms: number | null;
    }>;
    return rows.map((r) => ({
      seq: r.seq,
      tMs: r.t_ms,
      latencyMs: r.latency_ms,
      ok: r.ok === 1,
      status: /^\d+$/.test(r.status) ? Number(r.status) : r.status,
      cold: r.cold === 1,
      serverDurationMs: r.server_ms,
    }));
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM bench_runs WHERE id = ?').run(id).changes > 0;
  }
}
