import { describe, expect, it } from 'vitest';
import { billedDurationMs, buildReport, formatReportLine, roundMs } from './report';

const id = '8f5d5a1e-1c2b-4d3e-9f00-0123456789ab';

describe('REPORT math', () => {
  it('rounds durations to two decimals', () => {
    expect(roundMs(12.344)).toBe(12.34);
    expect(roundMs(12.345001)).toBe(12.35);
    expect(roundMs(-0.2)).toBe(0);
  });

  it('bills whole milliseconds rounded up, at least 1', () => {
    expect(billedDurationMs(2.05, null)).toBe(3);
    expect(billedDurationMs(5, null)).toBe(5);
    expect(billedDurationMs(0, null)).toBe(1);
    expect(billedDurationMs(0.001, null)).toBe(1);
  });

  it('bills Init Duration on a cold start, as Lambda does for container images', () => {
    // A published cold start of an image function: 4.42 ms + 333.05 ms init billed as 338 ms.
    expect(billedDurationMs(4.42, 333.05)).toBe(338);
    expect(billedDurationMs(12.34, 150.12)).toBe(163);
  });

  it('bills the values the line shows, so Duration 12.00 ms bills 12 ms', () => {
    expect(billedDurationMs(12.004, null)).toBe(12);
    expect(billedDurationMs(0.996, 1.001)).toBe(2);
    expect(billedDurationMs(12.006, null)).toBe(13);
  });

  it('builds a report: memory in whole MB rounded up, init only when given', () => {
    expect(buildReport({ requestId: id, durationMs: 12.3449, initDurationMs: 150.1234, memorySizeMb: 1024, maxMemoryUsedMb: 63.2 })).toEqual({
      requestId: id,
      durationMs: 12.34,
      billedDurationMs: 163,
      memorySizeMb: 1024,
      maxMemoryUsedMb: 64,
      initDurationMs: 150.12,
    });
    const warm = buildReport({ requestId: id, durationMs: 7.5, initDurationMs: null, memorySizeMb: 512, maxMemoryUsedMb: null });
    expect(warm).toMatchObject({ billedDurationMs: 8, maxMemoryUsedMb: null, initDurationMs: null });
  });
});

describe('formatReportLine', () => {
  it("writes Lambda's tab-separated REPORT line", () => {
    const line = formatReportLine({ requestId: id, durationMs: 12.34, billedDurationMs: 13, memorySizeMb: 1024, maxMemoryUsedMb: 64, initDurationMs: 150.12 });
    expect(line).toBe(`REPORT RequestId: ${id}\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 1024 MB\tMax Memory Used: 64 MB\tInit Duration: 150.12 ms`);
  });

  it('always shows two decimals, and leaves out Init Duration when warm', () => {
    const line = formatReportLine({ requestId: id, durationMs: 3, billedDurationMs: 3, memorySizeMb: 128, maxMemoryUsedMb: 40, initDurationMs: null });
    expect(line).toBe(`REPORT RequestId: ${id}\tDuration: 3.00 ms\tBilled Duration: 3 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB`);
  });

  it('leaves out Max Memory Used when it was not measured', () => {
    const line = formatReportLine({ requestId: id, durationMs: 1.5, billedDurationMs: 2, memorySizeMb: 128, maxMemoryUsedMb: null, initDurationMs: 0.25 });
    expect(line).toBe(`REPORT RequestId: ${id}\tDuration: 1.50 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tInit Duration: 0.25 ms`);
  });
});
