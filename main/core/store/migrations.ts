/**
 * Ordered schema migrations. Each runs once, in a transaction, and bumps PRAGMA user_version to
 * its index + 1. Append only: never edit a migration that has shipped.
 */
export const migrations: readonly string[] = [
  `
  CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE TABLE jobs (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    title      TEXT NOT NULL,
    state      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    started_at TEXT,
    ended_at   TEXT,
    error      TEXT
  );
  CREATE INDEX jobs_by_created ON jobs (created_at DESC);
  CREATE TABLE job_events (
    job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    seq    INTEGER NOT NULL,
    at     TEXT NOT NULL,
    type   TEXT NOT NULL,
    body   TEXT NOT NULL,
    PRIMARY KEY (job_id, seq)
  ) WITHOUT ROWID;
  `,
  // 2: which process runs a job, so one process's start-up sweep spares another's live jobs;
  // bench runs with every sample; saved request payloads per project.
  `
  ALTER TABLE jobs ADD COLUMN owner_pid INTEGER;
  CREATE TABLE bench_runs (
    id          TEXT PRIMARY KEY,
    job_id      TEXT REFERENCES jobs (id) ON DELETE SET NULL,
    project     TEXT NOT NULL,
    project_dir TEXT NOT NULL,
    variant     TEXT NOT NULL,
    target      TEXT NOT NULL,
    image_id    TEXT,
    image_tag   TEXT,
    settings    TEXT NOT NULL,
    summary     TEXT,
    state       TEXT NOT NULL,
    created_at  TEXT NOT NULL
  );
  CREATE INDEX bench_runs_by_created ON bench_runs (created_at DESC);
  CREATE TABLE bench_samples (
    run_id     TEXT NOT NULL REFERENCES bench_runs (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    t_ms       REAL NOT NULL,
    latency_ms REAL NOT NULL,
    ok         INTEGER NOT NULL,
    status     TEXT NOT NULL,
    cold       INTEGER NOT NULL,
    server_ms  REAL,
    PRIMARY KEY (run_id, seq)
  ) WITHOUT ROWID;
  CREATE TABLE saved_payloads (
    project_dir TEXT NOT NULL,
    name        TEXT NOT NULL,
    body        TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (project_dir, name)
  );
  `,
  // 3: credential profiles. Secrets are never here: only which backend holds them.
  `
  CREATE TABLE profiles (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE,
    provider       TEXT NOT NULL,
    kind           TEXT NOT NULL,
    fields         TEXT NOT NULL,
    endpoints      TEXT NOT NULL,
    secret_backend TEXT,
    masked_key_id  TEXT,
    is_default     INTEGER NOT NULL DEFAULT 0,
    last_test      TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
  );
  `,
  // 4 (bench runs say what happened): how many Lambda environments were asked for and started
  // (JSON), and why a failed run stopped (an AppError as JSON).
  `
  ALTER TABLE bench_runs ADD COLUMN environments TEXT;
  ALTER TABLE bench_runs ADD COLUMN failure TEXT;
  `,
  // 5 (owner checks survive pid reuse): when the owning process started, so a new process that got
  // the dead owner's pid is not taken for it (see jobs/process-identity.ts).
  `
  ALTER TABLE jobs ADD COLUMN owner_started_at TEXT;
  `,
  // 6 (runs name what they measured): the target as JSON (RunTarget: a local variant, or a deployment and
  // its version), the run's kind, the image digest that ran, and Lambda's REPORT numbers per sample.
  // Rows written before held `local/<variant>`: they become {"kind":"local","variant":…}.
  `
  UPDATE bench_runs SET target = json_object('kind', 'local', 'variant', CASE WHEN target LIKE 'local/%' THEN substr(target, 7) ELSE variant END)
    WHERE json_valid(target) = 0;
  ALTER TABLE bench_runs ADD COLUMN run_kind TEXT NOT NULL DEFAULT 'bench';
  ALTER TABLE bench_runs ADD COLUMN image_digest TEXT;
  ALTER TABLE bench_runs ADD COLUMN image_digest_source TEXT;
  CREATE INDEX bench_runs_by_digest ON bench_runs (image_digest);
  ALTER TABLE bench_samples ADD COLUMN init_ms REAL;
  ALTER TABLE bench_samples ADD COLUMN billed_ms REAL;
  ALTER TABLE bench_samples ADD COLUMN max_memory_mb REAL;
  `,
  // 7 (issue 10, targets as modules): what is live where. One row per release of a deployment
  // (a named place in skylift.yaml); the newest is live, the one before is where a rollback goes.
  `
  CREATE TABLE deployments (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    project_dir   TEXT NOT NULL,
    name          TEXT NOT NULL,
    target        TEXT NOT NULL,
    function_arn  TEXT NOT NULL,
    version       TEXT NOT NULL,
    alias         TEXT NOT NULL,
    image_digest  TEXT NOT NULL,
    profile_id    TEXT NOT NULL,
    plan          TEXT NOT NULL,
    deployed_at   TEXT NOT NULL
  );
  CREATE INDEX deployments_by_name ON deployments (project_dir, name, id);
  `,
  // 8 (issue 10, cloud benches): what the client and the network added (WireOverhead) and the cost
  // per 1M inferences (LambdaCostBreakdown), as JSON; null for runs that have neither.
  `
  ALTER TABLE bench_runs ADD COLUMN wire TEXT;
  ALTER TABLE bench_runs ADD COLUMN cost TEXT;
  `,
  // 9 (issue 12, runs a person can find again): the user's name, note and tags (a JSON array) for a run.
  `
  ALTER TABLE bench_runs ADD COLUMN name TEXT;
  ALTER TABLE bench_runs ADD COLUMN note TEXT;
  ALTER TABLE bench_runs ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
  `,
  // 10 (issue 12, a large run opens in under a second): a finished run's samples kept once more as
  // typed columns (little-endian bytes, one BLOB each; NULL for a column no sample has), so the
  // Runs page reads one row instead of decoding 100,000. Written when the run finishes, dropped
  // whenever samples are added.
  `
  CREATE TABLE bench_sample_columns (
    run_id          TEXT PRIMARY KEY REFERENCES bench_runs (id) ON DELETE CASCADE,
    count           INTEGER NOT NULL,
    seq             BLOB NOT NULL,
    t_ms            BLOB NOT NULL,
    latency_ms      BLOB NOT NULL,
    ok              BLOB NOT NULL,
    cold            BLOB NOT NULL,
    status_values   TEXT NOT NULL,
    status_codes    BLOB NOT NULL,
    server_ms       BLOB,
    init_ms         BLOB,
    billed_ms       BLOB,
    max_memory_mb   BLOB
  );
  `,
];
