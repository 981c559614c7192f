import type { BenchRun, BenchSampleData } from '../../../shared/contract/runs';

export interface ExportFile {
  filename: string;
  mime: string;
  content: string;
}

const COLUMNS = ['seq', 't_ms', 'latency_ms', 'ok', 'status', 'cold', 'server_duration_ms'] as const;

/** A run as CSV (one row per request) or JSON (the run, its summary and every sample). */
export function exportRun(run: BenchRun, samples: readonly BenchSampleData[], format: 'csv' | 'json'): ExportFile {
  const base = `skylift-${run.project}-${run.variant}-${run.createdAt.replace(/[:.]/g, '-')}`;
  if (format === 'json') return { filename: `${base}.json`, mime: 'application/json', content: `${JSON.stringify({ run, samples }, null, 2)}\n` };
  const rows = samples.map((s) => [s.seq, round(s.tMs), round(s.latencyMs), s.ok, s.status, s.cold, s.serverDurationMs === null ? '' : round(s.serverDurationMs)].map(csvCell).join(','));
  return { filename: `${base}.csv`, mime: 'text/csv', content: `${[COLUMNS.join(','), ...rows].join('\n')}\n` };
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

function csvCell(value: string | number | boolean): string {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
