import { jobEventSchema, jobSchema, type AppError, type Job, type JobEvent, type JobState } from '../../../shared/contract';
import type { Db } from '../store/database';
import { thisProcess, type ProcessOwner } from './process-identity';

interface JobRow {
  id: string;
  kind: string;
  title: string;
  state: string;
  created_at: string;
  started_at: string | null;
  ended_at: string | null;
  error: string | null;
}

const toJob = (row: JobRow): Job =>
  jobSchema.parse({
    id: row.id,
    kind: row.kind,
    title: row.title,
    state: row.state,
    createdAt: row.created_at,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    error: row.error ? (JSON.parse(row.error) as AppError) : null,
  });

/** Jobs and their events in SQLite, so a reopened window can replay them and a crash leaves a record. */
export class JobStore {
  constructor(private readonly db: Db) {}

  insert(job: Job, owner: ProcessOwner = thisProcess()): void {
    this.db
      .prepare('INSERT INTO jobs (id, kind, title, state, created_at, started_at, ended_at, error, owner_pid, owner_started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(job.id, job.kind, job.title, job.state, job.createdAt, job.startedAt, job.endedAt, job.error ? JSON.stringify(job.error) : null, owner.pid, owner.startedAt);
  }

  update(job: Job): void {
    this.db
      .prepare('UPDATE jobs SET state = ?, started_at = ?, ended_at = ?, error = ? WHERE id = ?')
      .run(job.state, job.startedAt, job.endedAt, job.error ? JSON.stringify(job.error) : null, job.id);
  }

  get(id: string): Job | undefined {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    return row && toJob(row);
  }

  list(limit: number): Job[] {
    const rows = this.db.prepare('SELECT * FROM jobs ORDER BY created_at DESC, rowid DESC LIMIT ?').all(limit) as JobRow[];
    return rows.map(toJob);
  }

  /** Jobs in these states, with the process that owns each (pid and start time; either may be unknown). */
  listInState(states: readonly JobState[]): Array<Job & { owner: { pid: number | null; startedAt: string | null } }> {
    const marks = states.map(() => '?').join(', ');
    const rows = this.db.prepare(`SELECT * FROM jobs WHERE state IN (${marks})`).all(...states) as Array<JobRow & { owner_pid: number | null; owner_started_at: string | null }>;
    return rows.map((row) => ({ ...toJob(row), owner: { pid: row.owner_pid, startedAt: row.owner_started_at } }));
  }

  appendEvent(event: JobEvent): void {
    const { jobId, seq, at, type, ...body } = event;
    this.db.prepare('INSERT INTO job_events (job_id, seq, at, type, body) VALUES (?, ?, ?, ?, ?)').run(jobId, seq, at, type, JSON.stringify(body));
  }

  events(jobId: string, afterSeq: number): JobEvent[] {
    const rows = this.db
      .prepare('SELECT job_id, seq, at, type, body FROM job_events WHERE job_id = ? AND seq > ? ORDER BY seq')
      .all(jobId, afterSeq) as Array<{ job_id: string; seq: number; at: string; type: string; body: string }>;
    return rows.map((r) => jobEventSchema.parse({ ...(JSON.parse(r.body) as object), jobId: r.job_id, seq: r.seq, at: r.at, type: r.type }));
  }

  lastSeq(jobId: string): number {
    const row = this.db.prepare('SELECT MAX(seq) AS seq FROM job_events WHERE job_id = ?').get(jobId) as { seq: number | null };
    return row.seq ?? -1;
  }
}
