import type { BenchRun, BenchSampleData } from '../../../shared/contract/runs';

export interface ExportFile {
  filename: string;
  mime: string;
  content: string;
}

const COLUMNS = ['seq', 't_ms', 'latency_ms', 'ok', 'status', 'cold', 'server_duration_ms', 'init_duration_ms', 'billed_duration_ms', 'max_memory_used_mb'] as const;

/** A run as CSV (one row per request) or JSON (the run, its summary and every sample). */
export function exportRun(run: BenchRun, samples: readonly BenchSampleData[], format: 'csv' | 'json'): ExportFile {
  const base = `skylift-${run.project}-${run.variant}-${run.createdAt.replace(/[:.]/g, '-')}`;
  if (format === 'json') {
    // Every sample names every column (null where unreported), so a reader sees the same keys throughout.
    const full = samples.map((s) => ({ ...s, initDurationMs: s.initDurationMs ?? null, billedDurationMs: s.billedDurationMs ?? null, maxMemoryUsedMb: s.maxMemoryUsedMb ?? null }));
    return { filename: `${base}.json`, mime: 'application/json', content: `${JSON.stringify({ run, samples: full }, null, 2)}\n` };
  }
  const rows = samples.map((s) =>
    [s.seq, round(s.tMs), round(s.latencyMs), s.ok, s.status, s.cold, optional(s.serverDurationMs), optional(s.initDurationMs), optional(s.billedDurationMs), optional(s.maxMemoryUsedMb)]
      .map(csvCell)
      .join(','),
  );
  return { filename: `${base}.csv`, mime: 'text/csv', content: `${[COLUMNS.join(','), ...rows].join('\n')}\n` };
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

/** An empty cell where the platform reported nothing. */
const optional = (value: number | null | undefined) => (value === null || value === undefined ? '' : round(value));

function csvCell(value: string | number | boolean): string {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
