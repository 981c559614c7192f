import { z } from 'zod';
import type { LambdaParsedReport } from '../../../../../shared/cloud/lambda-report';

/**
 * A JSON log line is a REPORT candidate when it says `"type":"platform.report"`; the function's own
 * JSON logs may mention platform.report in a message, never as their type. Literals around bounded
 * whitespace: linear.
 */
export const JSON_REPORT_TYPE = /"type"\s*:\s*"platform\.report"/;
const JSON_REQUEST_ID = /"requestId"\s*:\s*"([^"\\]{1,200})"/;

/** The request id a platform.report line names, read without parsing the line (null when there is none). */
export function jsonReportRequestId(line: string): string | null {
  return JSON_REQUEST_ID.exec(line)?.[1] ?? null;
}

/**
 * Lambda's `platform.report` event in its JSON log format (the Telemetry API's shape):
 * `{"time":…,"type":"platform.report","record":{"requestId":…,"metrics":{durationMs, billedDurationMs,
 * memorySizeMB, maxMemoryUsedMB, initDurationMs?, restoreDurationMs?},"status":…,"errorType"?}}`.
 * Other envelope fields (time, tracing, spans) are ignored.
 */
const platformReportEventSchema = z.object({
  type: z.literal('platform.report'),
  record: z.object({
    requestId: z.string().min(1).max(200),
    metrics: z.object({
      durationMs: z.number(),
      billedDurationMs: z.number(),
      memorySizeMB: z.number(),
      maxMemoryUsedMB: z.number().optional(),
      initDurationMs: z.number().optional(),
      restoreDurationMs: z.number().optional(),
    }),
    status: z.string().optional(),
    errorType: z.string().optional(),
  }),
});

export type JsonReportOutcome = { report: LambdaParsedReport } | { problem: string };

function statusOf(status: string | undefined): LambdaParsedReport['status'] | null | undefined {
  if (status === undefined || status === 'success') return undefined;
  return status === 'error' || status === 'timeout' || status === 'failure' ? status : null;
}

/** Parse one JSON log line holding a `platform.report` event; a cut or foreign line says why it was not used. */
export function parseJsonReportLine(line: string): JsonReportOutcome {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { problem: 'The platform.report log line is not whole JSON (the log tail may have cut it).' };
  }
  const parsed = platformReportEventSchema.safeParse(value);
  if (!parsed.success) return { problem: 'The platform.report log line lacks the fields Lambda writes.' };
  const { requestId, metrics, status, errorType } = parsed.data.record;
  const reportStatus = statusOf(status);
  if (reportStatus === null) return { problem: `The platform.report for ${requestId} has an unknown status "${status}".` };
  return {
    report: {
      requestId,
      durationMs: metrics.durationMs,
      billedDurationMs: metrics.billedDurationMs,
      memorySizeMb: metrics.memorySizeMB,
      maxMemoryUsedMb: metrics.maxMemoryUsedMB ?? null,
      initDurationMs: metrics.initDurationMs ?? null,
      ...(metrics.restoreDurationMs !== undefined ? { restoreDurationMs: metrics.restoreDurationMs } : {}),
      ...(reportStatus ? { status: reportStatus } : {}),
      ...(errorType ? { errorType } : {}),
    },
  };
}
