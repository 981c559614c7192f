import { statusCodesArray, type SampleColumns } from '../../../shared/contract/runs-samples';
import type { Db } from '../store/database';

interface ColumnsRow {
  count: number;
  seq: Buffer;
  t_ms: Buffer;
  latency_ms: Buffer;
  ok: Buffer;
  cold: Buffer;
  status_values: string;
  status_codes: Buffer;
  server_ms: Buffer | null;
  init_ms: Buffer | null;
  billed_ms: Buffer | null;
  max_memory_mb: Buffer | null;
}

type ArrayType<T> = { new (buffer: ArrayBuffer, byteOffset: number, length: number): T; BYTES_PER_ELEMENT: number };

/** A BLOB as a typed array of `count` values; copied when SQLite's bytes are not aligned for it. Null when the length is wrong. */
function view<T>(bytes: Buffer, Type: ArrayType<T>, count: number): T | null {
  if (bytes.byteLength !== count * Type.BYTES_PER_ELEMENT) return null;
  const aligned: Uint8Array = bytes.byteOffset % Type.BYTES_PER_ELEMENT === 0 ? bytes : new Uint8Array(bytes);
  return new Type(aligned.buffer as ArrayBuffer, aligned.byteOffset, count);
}

const asBlob = (values: ArrayBufferView | null) => (values ? Buffer.from(values.buffer, values.byteOffset, values.byteLength) : null);

/** A finished run's columns as they were stored: one row, no per-sample work. Null when none are stored or the row does not read back whole. */
export function loadStoredColumns(db: Db, runId: string): SampleColumns | null {
  const row = db.prepare('SELECT * FROM bench_sample_columns WHERE run_id = ?').get(runId) as ColumnsRow | undefined;
  if (!row) return null;
  const { count } = row;
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.status_values);
  } catch {
    return null;
  }
  // A damaged row (null, an object) is rebuilt from the samples, never a TypeError.
  if (!Array.isArray(parsed)) return null;
  const values = parsed as Array<number | string>;
  const codeType = statusCodesArray(values.length, 0).constructor as ArrayType<Uint8Array | Uint16Array | Uint32Array>;
  const floats = (bytes: Buffer | null) => (bytes === null ? null : view(bytes, Float64Array, count));
  const columns = {
    count,
    seq: view(row.seq, Int32Array, count),
    tMs: view(row.t_ms, Float64Array, count),
    latencyMs: view(row.latency_ms, Float64Array, count),
    ok: view(row.ok, Uint8Array, count),
    cold: view(row.cold, Uint8Array, count),
    codes: view(row.status_codes, codeType, count),
    serverDurationMs: floats(row.server_ms),
    initDurationMs: floats(row.init_ms),
    billedDurationMs: floats(row.billed_ms),
    maxMemoryUsedMb: floats(row.max_memory_mb),
  };
  const { seq, tMs, latencyMs, ok, cold, codes } = columns;
  if (!seq || !tMs || !latencyMs || !ok || !cold || !codes) return null;
  const nullable = [[row.server_ms, columns.serverDurationMs], [row.init_ms, columns.initDurationMs], [row.billed_ms, columns.billedDurationMs], [row.max_memory_mb, columns.maxMemoryUsedMb]];
  if (nullable.some(([stored, read]) => stored !== null && read === null)) return null;
  return { ...columns, seq, tMs, latencyMs, ok, cold, status: { values, codes } };
}

/** Keeps a run's columns for the next read (replacing any kept before). */
export function storeColumns(db: Db, runId: string, columns: SampleColumns): void {
  db.prepare(
    'INSERT OR REPLACE INTO bench_sample_columns (run_id, count, seq, t_ms, latency_ms, ok, cold, status_values, status_codes, server_ms, init_ms, billed_ms, max_memory_mb) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
    runId,
    columns.count,
    ...[columns.seq, columns.tMs, columns.latencyMs, columns.ok, columns.cold].map(asBlob),
    JSON.stringify(columns.status.values),
    asBlob(columns.status.codes),
    ...[columns.serverDurationMs, columns.initDurationMs, columns.billedDurationMs, columns.maxMemoryUsedMb].map(asBlob),
  );
}

/** Samples were added: the kept columns no longer say everything. */
export function dropStoredColumns(db: Db, runId: string): void {
  db.prepare('DELETE FROM bench_sample_columns WHERE run_id = ?').run(runId);
}
