import { describe, expect, it } from 'vitest';
import { InvocationLog, LOG_TAIL_BYTES } from '../../../run/lambda/invoke-api/log-tail';
import { buildReport, formatReportLine } from '../../../run/lambda/report';
import { decodeLogResult, parseInvokeLogResult, parseLogTail } from './report-parse';

const ID = '3b2ee9a4-7c39-4f7d-9f52-5d1a6f2c8e11';
const OTHER = 'c1f0a7de-0b5e-4a7c-8d5e-1e2f3a4b5c6d';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** A tail as Lambda returns it: START, the function's output, END, REPORT with its trailing tab. */
function lambdaTail(requestId: string, report: string): string {
  return [
    `START RequestId: ${requestId} Version: 7`,
    `2026-12-05T10:00:00.000Z\t${requestId}\tINFO\tscored 3 rows`,
    `END RequestId: ${requestId}`,
    `${report}\t`,
    '',
  ].join('\n');
}

describe('text REPORT lines', () => {
  it("parses Skylift's own local REPORT (warm, cold, timeout and error forms) back to the same numbers", () => {
    const reports = [
      buildReport({ requestId: ID, durationMs: 12.344, initDurationMs: null, memorySizeMb: 1024, maxMemoryUsedMb: 63.2 }),
      buildReport({ requestId: ID, durationMs: 12.34, initDurationMs: 150.12, memorySizeMb: 2048, maxMemoryUsedMb: 301 }),
      buildReport({ requestId: ID, durationMs: 3000, initDurationMs: null, memorySizeMb: 128, maxMemoryUsedMb: null, status: 'timeout' }),
      buildReport({ requestId: ID, durationMs: 4.5, initDurationMs: 9.99, memorySizeMb: 512, maxMemoryUsedMb: 40, status: 'error', errorType: 'Runtime.ExitError' }),
    ];
    for (const report of reports) {
      expect(parseLogTail(`${formatReportLine(report)}\n`, { requestId: ID })).toEqual({ report, format: 'text' });
      // The tail Skylift's local Invoke API returns for it (START, output, END, REPORT), base64.
      const log = new InvocationLog();
      log.add('scored 3 rows');
      expect(parseInvokeLogResult(log.tail(report, '$LATEST'), ID)).toEqual({ report, format: 'text' });
    }
  });

  it("reads the local Invoke API's tail when chatty output makes the 4 KB cut fall inside a line", () => {
    const report = buildReport({ requestId: ID, durationMs: 812.5, initDurationMs: 2310.7, memorySizeMb: 3008, maxMemoryUsedMb: 900 });
    const log = new InvocationLog();
    // Output that looks like REPORTs comes before the real one; the 4 KB cut falls wherever the bytes put it.
    for (let i = 0; i < 300; i++) log.add(`REPORT RequestId: fake-${String(i).padStart(4, '0')} x`);
    const logResult = log.tail(report, '7');
    expect(decodeLogResult(logResult).startsMidLine).toBe(true);
    expect(parseInvokeLogResult(logResult, ID)).toEqual({ report, format: 'text' });
    expect(parseInvokeLogResult(logResult).report).toEqual(report);
  });

  it('reads a tail as Lambda returns it from Invoke (base64, trailing tab, XRAY line, Restore Duration)', () => {
    const report = `REPORT RequestId: ${ID}\tDuration: 89.34 ms\tBilled Duration: 1564 ms \tMemory Size: 3008 MB\tMax Memory Used: 111 MB\tInit Duration: 1474.16 ms`;
    const tail = lambdaTail(ID, report) + `XRAY TraceId: 1-5e1b4151-5ac6c58f5b5dbd6a1a0d1d2b\tSegmentId: 2b4b3e3f\tSampled: true\n`;
    expect(parseInvokeLogResult(b64(tail), ID)).toEqual({
      format: 'text',
      report: { requestId: ID, durationMs: 89.34, billedDurationMs: 1564, memorySizeMb: 3008, maxMemoryUsedMb: 111, initDurationMs: 1474.16 },
    });
    const snap = `REPORT RequestId: ${ID}\tDuration: 5.01 ms\tBilled Duration: 6 ms\tMemory Size: 512 MB\tMax Memory Used: 80 MB\tRestore Duration: 474.16 ms\tBilled Restore Duration: 198 ms`;
    expect(parseLogTail(lambdaTail(ID, snap)).report).toMatchObject({ restoreDurationMs: 474.16, initDurationMs: null });
  });

  it('tolerates CRLF line ends and space-separated fields', () => {
    const line = `REPORT RequestId: ${ID}  Duration: 2.00 ms  Billed Duration: 3 ms  Memory Size: 128 MB  Max Memory Used: 35 MB  Init Duration: 120.45 ms`;
    const tail = lambdaTail(ID, line).replaceAll('\n', '\r\n');
    expect(parseLogTail(tail, { requestId: ID }).report).toEqual({
      requestId: ID, durationMs: 2, billedDurationMs: 3, memorySizeMb: 128, maxMemoryUsedMb: 35, initDurationMs: 120.45,
    });
  });

  it('takes the REPORT whose RequestId matches; with no id given, the last one; a missing id finds none', () => {
    const warm = (id: string, ms: number) => `REPORT RequestId: ${id}\tDuration: ${ms}.00 ms\tBilled Duration: ${ms} ms\tMemory Size: 128 MB\tMax Memory Used: 35 MB`;
    const tail = `${warm(ID, 10)}\n${warm(OTHER, 20)}\n`;
    expect(parseLogTail(tail, { requestId: ID }).report?.durationMs).toBe(10);
    expect(parseLogTail(tail, { requestId: OTHER }).report?.durationMs).toBe(20);
    expect(parseLogTail(tail).report?.durationMs).toBe(20);
    const missing = parseLogTail(tail, { requestId: 'not-there' });
    expect(missing.report).toBeNull();
    expect(missing.problem).toContain('no whole REPORT for request not-there');
  });
});

describe('JSON log format (platform.report)', () => {
  const event = (record: object) => JSON.stringify({ time: '2026-12-05T10:00:00.000Z', type: 'platform.report', record });
  const metrics = { durationMs: 2.35, billedDurationMs: 166, memorySizeMB: 128, maxMemoryUsedMB: 68, initDurationMs: 163.77 };

  it('reads the record: success is no status; timeout and error keep theirs', () => {
    const tail = [
      JSON.stringify({ time: '2026-12-05T10:00:00.000Z', type: 'platform.start', record: { requestId: ID, version: '$LATEST' } }),
      JSON.stringify({ timestamp: '2026-12-05T10:00:00.001Z', level: 'INFO', requestId: ID, message: 'platform.report is a fine word' }),
      event({ requestId: ID, metrics, tracing: { type: 'X-Amzn-Trace-Id', value: 'Root=1-0' }, status: 'success' }),
      '',
    ].join('\n');
    expect(parseInvokeLogResult(b64(tail), ID)).toEqual({
      format: 'json',
      report: { requestId: ID, durationMs: 2.35, billedDurationMs: 166, memorySizeMb: 128, maxMemoryUsedMb: 68, initDurationMs: 163.77 },
    });
    const timeout = event({ requestId: ID, metrics: { ...metrics, initDurationMs: undefined }, status: 'timeout' });
    expect(parseLogTail(timeout).report).toMatchObject({ status: 'timeout', initDurationMs: null });
    const error = event({ requestId: ID, metrics, status: 'error', errorType: 'Runtime.ExitError' });
    expect(parseLogTail(error).report).toMatchObject({ status: 'error', errorType: 'Runtime.ExitError' });
  });

  it('refuses values Lambda never writes (fractional billed ms, unknown status) rather than pass them on', () => {
    expect(parseLogTail(event({ requestId: ID, metrics: { ...metrics, billedDurationMs: 2.5 } })).report).toBeNull();
    expect(parseLogTail(event({ requestId: ID, metrics, status: 'maybe' })).problem).toContain('unknown status');
    expect(parseLogTail(event({ requestId: ID, metrics: { durationMs: 1 } })).report).toBeNull();
  });
});

describe('truncated and hostile tails', () => {
  it('skips a first line the 4 KB cut may have started mid-way, even when it looks like a REPORT', () => {
    // The function printed a REPORT-looking text inside a longer line; the cut fell just before it.
    const fake = `REPORT RequestId: ${ID}\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB`;
    const filler = `${'x'.repeat(LOG_TAIL_BYTES - fake.length - 2)}`;
    const tail = `${fake}\n${filler}\n`;
    const decoded = decodeLogResult(b64(tail));
    expect(decoded.startsMidLine).toBe(true);
    expect(parseLogTail(decoded.text, { startsMidLine: true }).report).toBeNull();
    // A partial JSON first line is skipped the same way, and the whole REPORT after it is used.
    const cutJson = `"record":{"requestId":"${ID}","metrics":{"durationMs":1}}}\n{"type":"platform.report","record":{"requestId":"${ID}","metrics":{"durationMs":4,"billedDurationMs":5,"memorySizeMB":128,"maxMemoryUsedMB":40}}}\n`;
    expect(parseLogTail(cutJson, { startsMidLine: true, requestId: ID }).report?.billedDurationMs).toBe(5);
  });

  it('a REPORT cut off partway yields null, never a shorter number', () => {
    const whole = `REPORT RequestId: ${ID}\tDuration: 12.34 ms\tBilled Duration: 163 ms\tMemory Size: 1024 MB\tMax Memory Used: 64 MB\tInit Duration: 150.12 ms`;
    // Cut inside numbers, and at field boundaries where the Init Duration of a cold start is lost whole.
    const cuts = [whole.indexOf('12.3') + 4, whole.indexOf('163') + 2, whole.indexOf('\tInit'), whole.indexOf('\tInit') + 1, whole.indexOf('150.1') + 5, whole.length];
    for (const cutAt of cuts) {
      const parsed = parseLogTail(`START RequestId: ${ID}\n${whole.slice(0, cutAt)}`, { requestId: ID });
      expect(parsed.report, whole.slice(0, cutAt)).toBeNull();
      expect(parsed.problem).toContain('cut off');
    }
    expect(parseLogTail(`{"type":"platform.report","record":{"requestId":"${ID}","metrics":{"durationMs":12.3`).report).toBeNull();
  });

  it('returns null with a reason for garbage, duplicates, absurd numbers and an absent log', () => {
    const garbage = ['', '\u0000\u0001\u00ff', 'REPORT', 'REPORT RequestId: ', `REPORT RequestId: ${ID}\tDuration: 1.00 ms\tDuration: 2.00 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB`,
      `REPORT RequestId: ${ID}\tDuration: 99999999999999999999 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB`,
      `REPORT RequestId: ${ID}\tDuration: -1.00 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB`,
      `REPORT RequestId: ${ID}\tDuration: 1.00 ms\tBilled Duration: 2 ms\tMemory Size: 0 MB`];
    for (const tail of garbage) {
      const parsed = parseLogTail(`${tail}\n`);
      expect(parsed.report, tail).toBeNull();
      expect(parsed.problem, tail).toBeTruthy();
    }
    expect(parseInvokeLogResult(undefined).problem).toContain('LogType=Tail');
    expect(parseInvokeLogResult('!!!not base64***').report).toBeNull();
  });
});

describe('cost stays linear in the tail (1 MB inputs, generous no-hang deadline)', () => {
  const MB = 1 << 20;
  const report = `REPORT RequestId: ${ID}\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 35 MB`;
  const inputs: Record<string, string> = {
    'one line of junk': 'a\t '.repeat(MB / 3),
    'one REPORT line of repeated labels': `REPORT RequestId: ${ID}` + '\tDuration: Billed Duration: '.repeat(MB / 28),
    'one REPORT line with a 1 MB number': `REPORT RequestId: ${ID}\tDuration: ${'9'.repeat(MB)} ms\tBilled Duration: 1 ms\tMemory Size: 128 MB`,
    'a megabyte of REPORT lines': `${report}\n`.repeat(Math.floor(MB / (report.length + 1))),
    'a megabyte of empty lines and CRs': '\r\n'.repeat(MB / 2),
    'one JSON line naming platform.report': `{"type":"platform.report","x":"${'y'.repeat(MB)}"}`,
    'a megabyte of broken JSON lines': `{"type":"platform.report",\n`.repeat(MB / 28),
    'a megabyte of closed but invalid JSON lines': `{"type":"platform.report",}\n`.repeat(MB / 29),
  };
  for (const [name, tail] of Object.entries(inputs)) {
    it(name, () => {
      const started = performance.now();
      parseLogTail(tail, { requestId: ID });
      parseLogTail(tail);
      expect(performance.now() - started).toBeLessThan(5_000);
    });
  }
});
