import type { LambdaParsedReport } from '../../../../../shared/cloud/lambda-report';

/** How a REPORT line in Lambda's text log format begins; the request id follows. */
export const TEXT_REPORT_PREFIX = 'REPORT RequestId: ';

/**
 * The labels a REPORT line can carry, longest first where one ends another ("Billed Duration" before
 * "Duration"), so the alternation picks the whole label. Literal alternatives after one separator:
 * no nested quantifiers, so matching stays linear in the line.
 */
const LABEL_PATTERN =
  /(?:^|[\t ])(Billed Restore Duration|Billed Duration|Restore Duration|Init Duration|Max Memory Used|Memory Size|Error Type|RequestId|Duration|Status): /g;

type Label =
  | 'RequestId'
  | 'Duration'
  | 'Billed Duration'
  | 'Memory Size'
  | 'Max Memory Used'
  | 'Init Duration'
  | 'Restore Duration'
  | 'Billed Restore Duration'
  | 'Status'
  | 'Error Type';

export type TextReportOutcome = { report: LambdaParsedReport } | { problem: string };

/** The request id a REPORT line names, read up to the first tab or space; null when it names none. */
export function textReportRequestId(line: string): string | null {
  if (!line.startsWith(TEXT_REPORT_PREFIX)) return null;
  const rest = line.slice(TEXT_REPORT_PREFIX.length);
  const end = rest.search(/[\t ]/);
  const id = end === -1 ? rest : rest.slice(0, end);
  return id.length > 0 ? id : null;
}

/**
 * Split a REPORT line into label → value. Null when a label repeats or text other than "REPORT"
 * comes before the first label: such a line is not one Lambda wrote, and guessing would risk a wrong number.
 */
function splitFields(line: string): Map<Label, string> | null {
  const fields = new Map<Label, string>();
  const matches = [...line.matchAll(LABEL_PATTERN)];
  if (matches.length === 0 || line.slice(0, matches[0]!.index).trim() !== 'REPORT') return null;
  for (let i = 0; i < matches.length; i++) {
    const match = matches[i]!;
    const label = match[1] as Label;
    if (fields.has(label)) return null;
    const start = match.index + match[0].length;
    const end = i + 1 < matches.length ? matches[i + 1]!.index : line.length;
    fields.set(label, line.slice(start, end).trim());
  }
  return fields;
}

const MS_VALUE = /^(\d{1,9}(?:\.\d{1,6})?) ms$/;
const WHOLE_MS_VALUE = /^(\d{1,9}) ms$/;
const MB_VALUE = /^(\d{1,6}) MB$/;
const TOKEN_VALUE = /^[\w.:-]{1,200}$/;

/** A field's number, only when its value and unit are whole; undefined when absent, null when malformed. */
function numberField(fields: Map<Label, string>, label: Label, pattern: RegExp): number | undefined | null {
  const raw = fields.get(label);
  if (raw === undefined) return undefined;
  const match = pattern.exec(raw);
  return match ? Number(match[1]) : null;
}

function statusField(raw: string | undefined): LambdaParsedReport['status'] | null | undefined {
  if (raw === undefined) return undefined;
  return raw === 'error' || raw === 'timeout' || raw === 'failure' ? raw : null;
}

/**
 * Parse one text REPORT line. `whole`: a line break followed it. Lambda ends every REPORT with one
 * (after a trailing tab), so a REPORT that ends the tail without one was cut, and a cut may have
 * taken whole trailing fields (an Init Duration among them): such a line is refused, not guessed at.
 */
export function parseTextReportLine(line: string, whole: boolean): TextReportOutcome {
  if (!whole) {
    return { problem: `The REPORT line for ${textReportRequestId(line) ?? 'the invocation'} ends the log tail without a line break: it was cut off.` };
  }
  const fields = splitFields(line);
  if (!fields) return { problem: "The REPORT line is not in Lambda's format." };
  const requestId = fields.get('RequestId') ?? '';
  const durationMs = numberField(fields, 'Duration', MS_VALUE);
  const billedDurationMs = numberField(fields, 'Billed Duration', WHOLE_MS_VALUE);
  const memorySizeMb = numberField(fields, 'Memory Size', MB_VALUE);
  const maxMemoryUsedMb = numberField(fields, 'Max Memory Used', MB_VALUE);
  const initDurationMs = numberField(fields, 'Init Duration', MS_VALUE);
  const restoreDurationMs = numberField(fields, 'Restore Duration', MS_VALUE);
  const billedRestoreMs = numberField(fields, 'Billed Restore Duration', WHOLE_MS_VALUE);
  const status = statusField(fields.get('Status'));
  const errorType = fields.get('Error Type');
  const malformed = [durationMs, billedDurationMs, memorySizeMb, maxMemoryUsedMb, initDurationMs, restoreDurationMs, billedRestoreMs, status].includes(null);
  if (malformed || (errorType !== undefined && !TOKEN_VALUE.test(errorType)) || !TOKEN_VALUE.test(requestId)) {
    return { problem: `The REPORT line for ${requestId || 'an invocation'} has a field Skylift cannot read.` };
  }
  if (durationMs === undefined || billedDurationMs === undefined || memorySizeMb === undefined) {
    return { problem: `The REPORT line for ${requestId} lacks Duration, Billed Duration or Memory Size.` };
  }
  return {
    report: {
      requestId,
      // Each checked above: present, and not null (malformed).
      durationMs: durationMs as number,
      billedDurationMs: billedDurationMs as number,
      memorySizeMb: memorySizeMb as number,
      maxMemoryUsedMb: maxMemoryUsedMb ?? null,
      initDurationMs: initDurationMs ?? null,
      ...(restoreDurationMs !== undefined ? { restoreDurationMs: restoreDurationMs as number } : {}),
      ...(status ? { status } : {}),
      ...(errorType ? { errorType } : {}),
    },
  };
}
