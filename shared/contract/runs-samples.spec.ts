import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from './base64';
import type { BenchSampleData } from './runs';
import { columnsFromSamples, decodeSampleColumns, encodeSampleColumns, sampleColumnsWireSchema, samplesFromColumns } from './runs-samples';

/** Through the wire as a transport carries it: encoded, JSON text, schema-parsed, decoded. */
const roundTrip = (samples: BenchSampleData[]) => {
  const wire = JSON.parse(JSON.stringify(encodeSampleColumns(columnsFromSamples(samples))));
  return decodeSampleColumns(sampleColumnsWireSchema.parse(wire));
};

const bytesOf = (values: ArrayBufferView) => new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i]);

const sample = (seq: number, extra: Partial<BenchSampleData> = {}): BenchSampleData => ({
  seq, tMs: seq * 3.1415926535, latencyMs: 1 / (seq + 3), ok: true, status: 200, cold: false,
  serverDurationMs: null, initDurationMs: null, billedDurationMs: null, maxMemoryUsedMb: null, ...extra,
});

describe('runs.samples as columns', () => {
  it('gives back every field exactly, float64 included, with numeric and text statuses and nulls', () => {
    const samples = [
      sample(0, { cold: true, initDurationMs: 812.123456789, billedDurationMs: 900, maxMemoryUsedMb: 128, serverDurationMs: 0.1 + 0.2 }),
      sample(1, { ok: false, status: 'timeout', serverDurationMs: null }),
      sample(2, { ok: false, status: 503, latencyMs: 0, serverDurationMs: Number.MIN_VALUE }),
      sample(7, { latencyMs: 123456.000001, tMs: 1e15 + 0.5, serverDurationMs: -0 + 4.25 }),
    ];
    expect(samplesFromColumns(roundTrip(samples))).toEqual(samples);
  });

  it('sends an empty run as empty columns', () => {
    const columns = roundTrip([]);
    expect(columns.count).toBe(0);
    expect(columns.latencyMs).toHaveLength(0);
    expect(samplesFromColumns(columns)).toEqual([]);
  });

  it('leaves out a column no sample has, and keeps one only some samples have', () => {
    const wire = encodeSampleColumns(columnsFromSamples([sample(0), sample(1, { serverDurationMs: 2 })]));
    expect(wire.initDurationMs).toBeNull();
    expect(wire.serverDurationMs).not.toBeNull();
  });

  it('round-trips 100,002 samples exactly, in a fraction of the JSON of objects', () => {
    const samples = Array.from({ length: 100_002 }, (_, i) =>
      sample(i, { ok: i % 101 !== 0, status: i % 101 === 0 ? (i % 2 ? 'error' : 502) : 200, cold: i < 2, latencyMs: Math.sqrt(i) * 1.000001, serverDurationMs: i % 3 ? i / 7 : null }));
    const sent = columnsFromSamples(samples);
    const wire = encodeSampleColumns(sent);
    const got = decodeSampleColumns(wire);
    // Byte for byte, every column (NaN marks a null, and only identical bytes compare equal here).
    for (const name of ['seq', 'tMs', 'latencyMs', 'ok', 'cold', 'serverDurationMs'] as const) expect(sameBytes(bytesOf(got[name]!), bytesOf(sent[name]!)), name).toBe(true);
    expect(got.initDurationMs).toBeNull();
    expect(got.status.values).toEqual([502, 200, 'error']);
    expect(samplesFromColumns(got).filter((_, i) => i < 3 || i % 101 === 0 || i > 99_990)).toEqual(samples.filter((_, i) => i < 3 || i % 101 === 0 || i > 99_990));
    expect(JSON.stringify(wire).length).toBeLessThan(JSON.stringify(samples).length / 3);
  });

  it('indexes more than 256 and more than 65,536 distinct statuses with wider codes', () => {
    for (const distinct of [300, 70_000]) {
      const samples = Array.from({ length: distinct }, (_, i) => sample(i, { ok: false, status: `error ${i}` }));
      const columns = roundTrip(samples);
      expect(columns.status.codes.BYTES_PER_ELEMENT).toBe(distinct > 65_536 ? 4 : 2);
      expect(samplesFromColumns(columns).map((s) => s.status)).toEqual(samples.map((s) => s.status));
    }
  });

  it('refuses a column of the wrong length, a status index out of range and text that is not base64', () => {
    const wire = encodeSampleColumns(columnsFromSamples([sample(0), sample(1)]));
    expect(() => decodeSampleColumns({ ...wire, count: 3 })).toThrow(/samples arrived damaged/);
    expect(() => decodeSampleColumns({ ...wire, status: { values: [200], codes: bytesToBase64(Uint8Array.from([0, 1])) } })).toThrow(/status 1 points past/);
    expect(() => decodeSampleColumns({ ...wire, tMs: 'not base64!!' })).toThrow(/tMs: not base64: character 3/);
    expect(() => base64ToBytes('AAA')).toThrow(/multiple of 4/);
  });

  it('writes base64 as btoa does, for every length of tail', () => {
    for (let length = 0; length < 40; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 97 + length * 31) & 255);
      const text = bytesToBase64(bytes);
      expect(text).toBe(btoa(String.fromCharCode(...bytes)));
      expect([...base64ToBytes(text)]).toEqual([...bytes]);
    }
  });
});
