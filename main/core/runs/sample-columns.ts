import { allocateColumns, nullableColumn, statusCodesArray, type SampleColumns } from '../../../shared/contract/runs-samples';
import type { Db } from '../store/database';

type Row = [seq: number, tMs: number, latencyMs: number, ok: number, status: string, cold: number, server: number | null, init: number | null, billed: number | null, memory: number | null];

/**
 * A run's samples read into typed columns, with no object per sample: what the charts need from a
 * run of any size. Rows come as arrays in one call (stepping row by row costs several times as
 * much). Statuses read as the row reader does (digits → number).
 */
export function readSampleColumns(db: Db, runId: string): SampleColumns {
  const rows = db
    .prepare('SELECT seq, t_ms, latency_ms, ok, status, cold, server_ms, init_ms, billed_ms, max_memory_mb FROM bench_samples WHERE run_id = ? ORDER BY seq')
    .raw(true)
    .all(runId) as Row[];
  const n = rows.length;
  const columns = allocateColumns(n);
  const lookup = new Map<string, number>();
  const values: Array<number | string> = [];
  const indices = new Uint32Array(n);
  let i = 0;
  for (const [seq, tMs, latencyMs, ok, status, cold, server, init, billed, memory] of rows) {
    columns.seq[i] = seq;
    columns.tMs[i] = tMs;
    columns.latencyMs[i] = latencyMs;
    columns.ok[i] = ok === 1 ? 1 : 0;
    columns.cold[i] = cold === 1 ? 1 : 0;
    columns.serverDurationMs![i] = server ?? NaN;
    columns.initDurationMs![i] = init ?? NaN;
    columns.billedDurationMs![i] = billed ?? NaN;
    columns.maxMemoryUsedMb![i] = memory ?? NaN;
    let index = lookup.get(status);
    if (index === undefined) lookup.set(status, (index = values.push(/^\d+$/.test(status) ? Number(status) : status) - 1));
    indices[i++] = index;
  }
  const codes = statusCodesArray(values.length, n);
  codes.set(indices);
  return {
    ...columns,
    serverDurationMs: nullableColumn(columns.serverDurationMs),
    initDurationMs: nullableColumn(columns.initDurationMs),
    billedDurationMs: nullableColumn(columns.billedDurationMs),
    maxMemoryUsedMb: nullableColumn(columns.maxMemoryUsedMb),
    status: { values, codes },
  };
}
