import type { LambdaReport } from './types';

export interface ReportInput {
  requestId: string;
  /** From the event's hand-over to the runtime until its answer, unrounded. */
  durationMs: number;
  initDurationMs: number | null;
  memorySizeMb: number;
  maxMemoryUsedMb: number | null;
  status?: 'error' | 'timeout';
  errorType?: string;
}

/** Lambda shows durations to two decimals; billing and display use the same rounded values. */
export function roundMs(ms: number): number {
  return Math.round(Math.max(0, ms) * 100) / 100;
}

/**
 * Billed Duration, whole milliseconds rounded up. For a function packaged as a container image
 * Lambda bills the init phase too, so a cold start bills Duration + Init Duration.
 */
export function billedDurationMs(durationMs: number, initDurationMs: number | null): number {
  // toFixed: the sum of two 2-decimal values can carry a floating-point crumb past an integer.
  const total = Number((roundMs(durationMs) + roundMs(initDurationMs ?? 0)).toFixed(2));
  return Math.max(1, Math.ceil(total));
}

export function buildReport(input: ReportInput): LambdaReport {
  const initDurationMs = input.initDurationMs === null ? null : roundMs(input.initDurationMs);
  return {
    requestId: input.requestId,
    durationMs: roundMs(input.durationMs),
    billedDurationMs: billedDurationMs(input.durationMs, initDurationMs),
    memorySizeMb: input.memorySizeMb,
    maxMemoryUsedMb: input.maxMemoryUsedMb === null ? null : Math.ceil(input.maxMemoryUsedMb),
    initDurationMs,
    ...(input.status ? { status: input.status } : {}),
    ...(input.errorType ? { errorType: input.errorType } : {}),
  };
}

/**
 * The REPORT line as Lambda writes it, fields separated by tabs:
 * `REPORT RequestId: <id>\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 1024 MB\tMax Memory Used: 64 MB\tInit Duration: 150.12 ms`.
 * Max Memory Used is left out when it was not measured; Init Duration appears on cold starts only.
 * When the platform ended the invocation Lambda adds `Status: timeout`, or `Status: error` and
 * `Error Type: Runtime.ExitError`.
 */
export function formatReportLine(report: LambdaReport): string {
  const fields = [
    `REPORT RequestId: ${report.requestId}`,
    `Duration: ${report.durationMs.toFixed(2)} ms`,
    `Billed Duration: ${report.billedDurationMs} ms`,
    `Memory Size: ${report.memorySizeMb} MB`,
  ];
  if (report.maxMemoryUsedMb !== null) fields.push(`Max Memory Used: ${report.maxMemoryUsedMb} MB`);
  if (report.initDurationMs !== null) fields.push(`Init Duration: ${report.initDurationMs.toFixed(2)} ms`);
  if (report.status) fields.push(`Status: ${report.status}`);
  if (report.errorType) fields.push(`Error Type: ${report.errorType}`);
  return fields.join('\t');
}
