import { z } from 'zod';

/**
 * How the platform ended an invocation, where it says so: the text REPORT line's `Status:` field
 * (`timeout`, `error`), or the JSON `platform.report` record's `status` (`success` is reported as no
 * status at all, as the text format does).
 */
export const lambdaReportStatusSchema = z.enum(['error', 'timeout', 'failure']);
export type LambdaReportStatus = z.infer<typeof lambdaReportStatusSchema>;

const durationMs = z.number().finite().nonnegative();
const wholeMs = z.number().int().nonnegative();
const megabytes = z.number().int().positive();

/**
 * One invocation's REPORT as Lambda logs it (text line or JSON `platform.report` record), parsed
 * from Invoke's `LogType=Tail` answer. Field names follow Skylift's local REPORT (main/core/run/lambda).
 */
export const lambdaParsedReportSchema = z.object({
  requestId: z.string().min(1),
  durationMs,
  /** Whole milliseconds; for a cold start of a container image it includes Init Duration. */
  billedDurationMs: wholeMs,
  memorySizeMb: megabytes,
  /** null where the line leaves it out. */
  maxMemoryUsedMb: megabytes.nullable(),
  /** Present only on an execution environment's first invocation (a cold start). */
  initDurationMs: durationMs.nullable(),
  /** SnapStart only: the restore of a snapshot instead of an init. */
  restoreDurationMs: durationMs.optional(),
  status: lambdaReportStatusSchema.optional(),
  errorType: z.string().min(1).optional(),
});
export type LambdaParsedReport = z.infer<typeof lambdaParsedReportSchema>;

/** Which of Lambda's two log formats the report came from. */
export const lambdaLogFormatSchema = z.enum(['text', 'json']);
export type LambdaLogFormat = z.infer<typeof lambdaLogFormatSchema>;

/**
 * What parsing a log tail found. `report` is null when no whole REPORT for the invocation was there;
 * `problem` then says why in words a user can act on (the tail held no REPORT, it was cut, …).
 */
export const lambdaReportParseSchema = z.object({
  report: lambdaParsedReportSchema.nullable(),
  format: lambdaLogFormatSchema.nullable(),
  problem: z.string().optional(),
});
export type LambdaReportParse = z.infer<typeof lambdaReportParseSchema>;
