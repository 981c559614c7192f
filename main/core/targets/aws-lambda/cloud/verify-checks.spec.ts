import { describe, expect, it } from 'vitest';
import type { StoredDeployment } from '../../../deployments/deployment-record';
import { LOG_TAIL_BYTES } from '../../../run/lambda/invoke-api/log-tail';
import { parseInvokeLogResult } from '../verify/report-parse';
import { answeredCheck, liveVersionCheck, platformReportOf, reportCheck } from './verify-checks';

const ID = '3b2ee9a4-7c39-4f7d-9f52-5d1a6f2c8e11';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const TEXT_REPORT = `REPORT RequestId: ${ID}\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 512 MB\tMax Memory Used: 61 MB\tInit Duration: 310.52 ms\t\n`;

describe('reportCheck', () => {
  it('passes with the numbers of a text REPORT, naming a cold start', () => {
    const parse = parseInvokeLogResult(b64(`START RequestId: ${ID} Version: 3\nEND RequestId: ${ID}\n${TEXT_REPORT}`));
    expect(reportCheck(parse)).toEqual({
      name: 'Lambda reported the invocation',
      status: 'pass',
      detail: 'Duration 12.34 ms, billed 13 ms, max memory 61 of 512 MB, Init Duration 310.52 ms (a cold start) (text log format).',
    });
    expect(platformReportOf(parse)).toEqual({ initDurationMs: 310.52, billedDurationMs: 13, maxMemoryUsedMb: 61 });
  });

  it("reads Lambda's JSON log format (platform.report), warm", () => {
    const record = { time: '2026-12-06T00:00:00.000Z', type: 'platform.report', record: { requestId: ID, metrics: { durationMs: 4.2, billedDurationMs: 5, memorySizeMB: 1024, maxMemoryUsedMB: 80 }, status: 'success' } };
    const parse = parseInvokeLogResult(b64(`${JSON.stringify(record)}\n`));
    expect(reportCheck(parse)).toMatchObject({ status: 'pass', detail: expect.stringContaining('no Init Duration (a warm environment) (json log format)') });
  });

  it('takes the REPORT from a tail Lambda cut to 4 KB inside a long line', () => {
    const noise = `${'x'.repeat(10_000)}\n`;
    const whole = Buffer.from(`START RequestId: ${ID}\n${noise}END RequestId: ${ID}\n${TEXT_REPORT}`);
    const tail = whole.subarray(whole.length - LOG_TAIL_BYTES).toString('base64');
    expect(reportCheck(parseInvokeLogResult(tail))).toMatchObject({ status: 'pass' });
  });

  it('warns, with the reason, when there is no REPORT: the answer is what verify judges', () => {
    expect(reportCheck(parseInvokeLogResult(b64('hello\n')))).toMatchObject({ status: 'warn', detail: expect.stringMatching(/no whole REPORT line.*unknown/) });
    expect(reportCheck(parseInvokeLogResult(undefined))).toMatchObject({ status: 'warn', detail: expect.stringContaining('LogType=Tail') });
    expect(platformReportOf(parseInvokeLogResult(undefined))).toBeNull();
  });
});

describe('answeredCheck', () => {
  it("fails on a function error with Lambda's errorType and errorMessage", () => {
    expect(answeredCheck('Unhandled', '{"errorType":"ValueError","errorMessage":"bad input"}', '4')).toEqual({ name: 'The function answered', status: 'fail', detail: 'Version 4 failed (Unhandled): ValueError: bad input.' });
    expect(answeredCheck('Unhandled', 'not json', '4').detail).toBe('Version 4 failed (Unhandled): "not json".');
    expect(answeredCheck(undefined, '{"a":1}', '4')).toMatchObject({ status: 'pass', detail: 'Version 4 answered 7 bytes without a function error.' });
  });
});

describe('liveVersionCheck', () => {
  const live = { version: '3', deployedAt: '2026-12-06T00:00:00.000Z' } as StoredDeployment;
  it('passes on the live release, warns without a record or when the alias moved elsewhere', () => {
    expect(liveVersionCheck('3', live, 'prod').status).toBe('pass');
    expect(liveVersionCheck('3', null, 'prod')).toMatchObject({ status: 'warn', detail: expect.stringContaining('no record') });
    expect(liveVersionCheck('4', live, 'prod')).toMatchObject({ status: 'warn', detail: expect.stringContaining('Skylift made version 3 live') });
  });
});
