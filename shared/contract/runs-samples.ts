import { z } from 'zod';
import { SkyliftError } from '../errors';
import { bytesToBase64, base64ToBytes } from './base64';
import type { BenchSampleData } from './runs';

/**
 * A run's samples as columns, which is how the charts read them (uPlot wants column arrays) and
 * what a 100,000-request run can send in a few MB instead of 12 MB of JSON objects. Numbers keep
 * their stored precision (float64); a nullable column is NaN where the sample has none, or null
 * when no sample has one; statuses are indices into their few distinct values.
 */
export interface SampleColumns {
  count: number;
  seq: Int32Array;
  tMs: Float64Array;
  latencyMs: Float64Array;
  /** 1 where the request succeeded. */
  ok: Uint8Array;
  cold: Uint8Array;
  status: { values: Array<number | string>; codes: Uint8Array | Uint16Array | Uint32Array };
  serverDurationMs: Float64Array | null;
  initDurationMs: Float64Array | null;
  billedDurationMs: Float64Array | null;
  maxMemoryUsedMb: Float64Array | null;
}

const NULLABLE = ['serverDurationMs', 'initDurationMs', 'billedDurationMs', 'maxMemoryUsedMb'] as const;
type NullableColumn = (typeof NULLABLE)[number];

/** Base64 of a column's bytes (little-endian, as every platform Skylift runs on); decoding checks the alphabet and the length. */
const column = z.string();

/** runs.samples on the wire: JSON-safe (HTTP in browser mode, IPC in the app), one string per column. */
export const sampleColumnsWireSchema = z.object({
  count: z.number().int().min(0),
  seq: column,
  tMs: column,
  latencyMs: column,
  ok: column,
  cold: column,
  status: z.object({ values: z.array(z.union([z.number(), z.string()])), codes: column }),
  serverDurationMs: column.nullable(),
  initDurationMs: column.nullable(),
  billedDurationMs: column.nullable(),
  maxMemoryUsedMb: column.nullable(),
});
export type SampleColumnsWire = z.infer<typeof sampleColumnsWireSchema>;

/** The narrowest unsigned array that can index `distinct` values. */
export function statusCodesArray(distinct: number, count: number): Uint8Array | Uint16Array | Uint32Array {
  return distinct <= 0x100 ? new Uint8Array(count) : distinct <= 0x10000 ? new Uint16Array(count) : new Uint32Array(count);
}

/** Empty columns for `count` samples, filled in by the caller (the store reads straight into them). */
export function allocateColumns(count: number): Omit<SampleColumns, 'status'> {
  return {
    count,
    seq: new Int32Array(count),
    tMs: new Float64Array(count),
    latencyMs: new Float64Array(count),
    ok: new Uint8Array(count),
    cold: new Uint8Array(count),
    serverDurationMs: new Float64Array(count),
    initDurationMs: new Float64Array(count),
    billedDurationMs: new Float64Array(count),
    maxMemoryUsedMb: new Float64Array(count),
  };
}

/** NaN for null; a column with no value at all becomes null, so it costs nothing to send. */
export function nullableColumn(values: Float64Array | null): Float64Array | null {
  if (!values) return null;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) return values;
  return null;
}

/** Samples as objects → columns (for tests and callers that hold objects). */
export function columnsFromSamples(samples: readonly BenchSampleData[]): SampleColumns {
  const columns = allocateColumns(samples.length);
  const lookup = new Map<number | string, number>();
  const values: Array<number | string> = [];
  const indices = new Uint32Array(samples.length);
  samples.forEach((s, i) => {
    columns.seq[i] = s.seq;
    columns.tMs[i] = s.tMs;
    columns.latencyMs[i] = s.latencyMs;
    columns.ok[i] = s.ok ? 1 : 0;
    columns.cold[i] = s.cold ? 1 : 0;
    for (const name of NULLABLE) columns[name]![i] = s[name] ?? NaN;
    let index = lookup.get(s.status);
    if (index === undefined) lookup.set(s.status, (index = values.push(s.status) - 1));
    indices[i] = index;
  });
  const codes = statusCodesArray(values.length, samples.length);
  codes.set(indices);
  const nullable = Object.fromEntries(NULLABLE.map((name) => [name, nullableColumn(columns[name])])) as Record<NullableColumn, Float64Array | null>;
  return { ...columns, ...nullable, status: { values, codes } };
}

/** Columns → samples as objects, as the store's row reader gives them (for export and tests). */
export function samplesFromColumns(columns: SampleColumns): BenchSampleData[] {
  const at = (values: Float64Array | null, i: number) => (values === null || Number.isNaN(values[i]) ? null : values[i]);
  return Array.from({ length: columns.count }, (_, i) => ({
    seq: columns.seq[i],
    tMs: columns.tMs[i],
    latencyMs: columns.latencyMs[i],
    ok: columns.ok[i] === 1,
    status: columns.status.values[columns.status.codes[i]],
    cold: columns.cold[i] === 1,
    serverDurationMs: at(columns.serverDurationMs, i),
    initDurationMs: at(columns.initDurationMs, i),
    billedDurationMs: at(columns.billedDurationMs, i),
    maxMemoryUsedMb: at(columns.maxMemoryUsedMb, i),
  }));
}

const encode = (values: ArrayBufferView) => bytesToBase64(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));

export function encodeSampleColumns(columns: SampleColumns): SampleColumnsWire {
  const nullable = Object.fromEntries(NULLABLE.map((name) => [name, columns[name] ? encode(columns[name]!) : null])) as Record<NullableColumn, string | null>;
  return {
    count: columns.count,
    seq: encode(columns.seq),
    tMs: encode(columns.tMs),
    latencyMs: encode(columns.latencyMs),
    ok: encode(columns.ok),
    cold: encode(columns.cold),
    status: { values: columns.status.values, codes: encode(columns.status.codes) },
    ...nullable,
  };
}

/** The wire form back to typed arrays; a column of the wrong length or a status index out of range is an error, never a misread chart. */
export function decodeSampleColumns(wire: SampleColumnsWire): SampleColumns {
  const { count } = wire;
  const bytes = (name: string, text: string, width: number): ArrayBuffer => {
    let decoded: Uint8Array;
    try {
      decoded = base64ToBytes(text);
    } catch (error) {
      throw malformed(`${name}: ${(error as Error).message}`);
    }
    if (decoded.byteLength !== count * width) throw malformed(`${name} holds ${decoded.byteLength} bytes for ${count} samples`);
    return decoded.buffer as ArrayBuffer;
  };
  const float = (name: string, text: string | null) => (text === null ? null : new Float64Array(bytes(name, text, 8)));
  const distinct = wire.status.values.length;
  const width = statusCodesArray(distinct, 0).BYTES_PER_ELEMENT;
  const codeBytes = bytes('status', wire.status.codes, width);
  const codes = width === 1 ? new Uint8Array(codeBytes) : width === 2 ? new Uint16Array(codeBytes) : new Uint32Array(codeBytes);
  for (let i = 0; i < count; i++) if (codes[i] >= distinct) throw malformed(`status ${i} points past the ${distinct} known statuses`);
  return {
    count,
    seq: new Int32Array(bytes('seq', wire.seq, 4)),
    tMs: float('tMs', wire.tMs)!,
    latencyMs: float('latencyMs', wire.latencyMs)!,
    ok: new Uint8Array(bytes('ok', wire.ok, 1)),
    cold: new Uint8Array(bytes('cold', wire.cold, 1)),
    status: { values: wire.status.values, codes },
    serverDurationMs: float('serverDurationMs', wire.serverDurationMs),
    initDurationMs: float('initDurationMs', wire.initDurationMs),
    billedDurationMs: float('billedDurationMs', wire.billedDurationMs),
    maxMemoryUsedMb: float('maxMemoryUsedMb', wire.maxMemoryUsedMb),
  };
}

function malformed(detail: string): SkyliftError {
  return new SkyliftError({ code: 'SAMPLES_MALFORMED', message: `The run's samples arrived damaged (${detail}).`, hint: 'Reload the page; if it happens again, the UI and the server are from different versions — restart Skylift.' });
}
