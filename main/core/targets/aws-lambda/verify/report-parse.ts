import {
  lambdaParsedReportSchema,
  type LambdaLogFormat,
  type LambdaReportParse,
} from '../../../../../shared/cloud/lambda-report';
import { LOG_TAIL_BYTES } from '../../../run/lambda/invoke-api/log-tail';
import { JSON_REPORT_TYPE, jsonReportRequestId, parseJsonReportLine } from './report-json';
import { parseTextReportLine, TEXT_REPORT_PREFIX, textReportRequestId } from './report-text';


export interface DecodedLogTail {
  text: string;
  /** The tail is as long as Lambda's cut, so its first line may have lost its beginning. */
  startsMidLine: boolean;
}

/** Decode X-Amz-Log-Result (the SDK's `LogResult`). Characters outside base64 are skipped, never thrown on. */
export function decodeLogResult(logResult: string): DecodedLogTail {
  const bytes = Buffer.from(logResult, 'base64');
  return { text: bytes.toString('utf8'), startsMidLine: bytes.length >= LOG_TAIL_BYTES };
}

export interface ParseTailOptions {
  /** The invocation's id (Invoke's X-Amz-Request-Id): only its REPORT is taken. Unset: the last REPORT. */
  requestId?: string;
  /** Skip the first line, which the 4 KB cut may have started mid-way (decodeLogResult says when). */
  startsMidLine?: boolean;
}

interface Candidate {
  format: LambdaLogFormat;
  line: string;
  /** A line break followed the line: nothing at its end was cut. */
  whole: boolean;
}

/**
 * Find the invocation's REPORT in a log tail, in Lambda's text format or its JSON format. One pass
 * over the lines, each looked at once (JSON.parse only on the one line chosen), so cost
 * stays linear in the tail whatever it holds.
 */
export function parseLogTail(tail: string, options: ParseTailOptions = {}): LambdaReportParse {
  const lines = tail.split('\n');
  let chosen: Candidate | null = null;
  for (let i = options.startsMidLine ? 1 : 0; i < lines.length; i++) {
    const line = stripCarriageReturn(lines[i]!);
    const whole = i < lines.length - 1;
    if (line.startsWith(TEXT_REPORT_PREFIX)) {
      const id = textReportRequestId(line);
      if (options.requestId === undefined || id === options.requestId) chosen = { format: 'text', line, whole };
    } else if (line.startsWith('{') && line.trimEnd().endsWith('}') && JSON_REPORT_TYPE.test(line)) {
      // Parsed once, at the end, and only the chosen line: garbage lines cost a scan, never a throw.
      const id = jsonReportRequestId(line);
      if (options.requestId === undefined || id === options.requestId) chosen = { format: 'json', line, whole };
    }
  }
  if (!chosen) return { report: null, format: null, problem: missingReportProblem(options.requestId) };
  return finish(chosen);
}

function finish(candidate: Candidate): LambdaReportParse {
  const outcome = candidate.format === 'text' ? parseTextReportLine(candidate.line, candidate.whole) : parseJsonReportLine(candidate.line);
  if ('problem' in outcome) return { report: null, format: candidate.format, problem: outcome.problem };
  // One last check of units and ranges, the same for both formats (e.g. a fractional Billed Duration in JSON).
  const checked = lambdaParsedReportSchema.safeParse(outcome.report);
  if (!checked.success) {
    return { report: null, format: candidate.format, problem: `The REPORT for ${outcome.report.requestId} has values out of range.` };
  }
  return { report: checked.data, format: candidate.format };
}

function missingReportProblem(requestId: string | undefined): string {
  return requestId
    ? `The log tail Lambda returned has no whole REPORT for request ${requestId}.`
    : 'The log tail Lambda returned has no whole REPORT line.';
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/**
 * The REPORT of one Invoke: `logResult` is the response's LogResult (absent unless LogType=Tail was
 * asked for), `requestId` its X-Amz-Request-Id.
 */
export function parseInvokeLogResult(logResult: string | undefined, requestId?: string): LambdaReportParse {
  if (logResult === undefined || logResult === '') {
    return { report: null, format: null, problem: 'Invoke returned no log tail: call it with LogType=Tail.' };
  }
  const decoded = decodeLogResult(logResult);
  return parseLogTail(decoded.text, { requestId, startsMidLine: decoded.startsMidLine });
}
