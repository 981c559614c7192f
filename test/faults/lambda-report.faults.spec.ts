import { describe, expect, it } from 'vitest';
import { lambdaReportParseSchema } from '../../shared/cloud/lambda-report';
import { InvocationLog } from '../../main/core/run/lambda/invoke-api/log-tail';
import { buildReport } from '../../main/core/run/lambda/report';
import { decodeLogResult, parseInvokeLogResult, parseLogTail } from '../../main/core/targets/aws-lambda/verify/report-parse';
import { appendFaultRecords, probeFault, type FaultRecord } from './fault-log';

const AREA = 'lambda-report';
const ID = '5f0c3a9e-2b1d-4c8e-9a7f-0d6e5b4c3a21';
const report = buildReport({ requestId: ID, durationMs: 48.27, initDurationMs: 1210.55, memorySizeMb: 3008, maxMemoryUsedMb: 512 });
const jsonReport = JSON.stringify({
  time: '2026-12-05T10:00:00.000Z',
  type: 'platform.report',
  record: { requestId: ID, metrics: { durationMs: 48.27, billedDurationMs: 1259, memorySizeMB: 3008, maxMemoryUsedMB: 512, initDurationMs: 1210.55 }, status: 'success' },
});

function textTail(): string {
  const log = new InvocationLog();
  for (let i = 0; i < 20; i++) log.add(`2026-12-05T10:00:00.000Z\t${ID}\tINFO\tbatch ${i} scored`);
  return decodeLogResult(log.tail(report, '3')).text;
}

/** Deterministic, so a failure reproduces. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * One record per input: parsing never throws, its answer fits the schema, and a report it returns
 * is the invocation's own, number for number (`exact`), or at least well-formed (byte flips can make
 * another valid number, which no parser could tell from a real one).
 */
function judge(name: string, tail: string, options: { startsMidLine?: boolean }, exact: boolean): FaultRecord {
  try {
    const parsed = lambdaReportParseSchema.parse(parseLogTail(tail, { requestId: ID, ...options }));
    if (exact && parsed.report && JSON.stringify(parsed.report) !== JSON.stringify(report)) {
      throw new Error(`a different report: ${JSON.stringify(parsed.report)}`);
    }
    if (!parsed.report && !parsed.problem) throw new Error('no report and no reason');
    return { area: AREA, name, outcome: 'handled' };
  } catch (error) {
    return { area: AREA, name, outcome: 'unsafe', detail: error instanceof Error ? error.message : String(error) };
  }
}

describe('Lambda REPORT parsing under cut, corrupt and hostile log tails', () => {
  it('every cut of a real tail, at its start or its end, yields the exact report or none', () => {
    const tail = textTail();
    const records: FaultRecord[] = [];
    for (let at = 0; at <= tail.length; at++) {
      records.push(judge(`text tail cut at start ${at}`, tail.slice(at), { startsMidLine: at > 0 }, true));
      records.push(judge(`text tail cut at end ${at}`, tail.slice(0, at), {}, true));
    }
    const json = `{"type":"platform.start","record":{"requestId":"${ID}"}}\n${jsonReport}\n`;
    for (let at = 0; at <= json.length; at++) {
      records.push(judge(`json tail cut at start ${at}`, json.slice(at), { startsMidLine: at > 0 }, true));
      records.push(judge(`json tail cut at end ${at}`, json.slice(0, at), {}, true));
    }
    appendFaultRecords(records);
    expect(records.filter((r) => r.outcome === 'unsafe').slice(0, 3)).toEqual([]);
    // The uncut tails do give the report: refusing everything would pass the check above.
    expect(parseLogTail(tail, { requestId: ID }).report).toEqual(report);
    expect(parseLogTail(json, { requestId: ID }).report).toEqual(report);
  });

  it('random byte flips and inserted line breaks never throw and never give a malformed report', () => {
    const random = prng(10);
    const alphabet = ['\n', '\r', '\t', ' ', '{', '}', '"', ':', '.', '-', '0', '9', 'M', 'B', 'm', 's', '\u0000', '\uffff'];
    const records: FaultRecord[] = [];
    for (const [kind, base] of [['text', textTail()], ['json', `${jsonReport}\n`]] as const) {
      for (let n = 0; n < 1500; n++) {
        const chars = [...base];
        for (let k = 0; k < 1 + Math.floor(random() * 4); k++) chars[Math.floor(random() * chars.length)] = alphabet[Math.floor(random() * alphabet.length)]!;
        records.push(judge(`${kind} tail with flipped bytes #${n}`, chars.join(''), {}, false));
      }
    }
    appendFaultRecords(records);
    expect(records.filter((r) => r.outcome === 'unsafe').slice(0, 3)).toEqual([]);
  });

  it('1 MB of hostile tail and a base64 of garbage end promptly (no catastrophic backtracking)', async () => {
    const hostile = {
      'labels repeated on one line': `REPORT RequestId: ${ID}${'\tDuration: Billed Duration: Init Duration: '.repeat(25_000)}\n`,
      'platform.report lines that never close': `{"type":"platform.report","record":{"requestId":"${ID}",\n`.repeat(12_000),
      'spaces between label candidates': `REPORT RequestId: ${ID}${' '.repeat(1 << 20)}Duration: 1.00 ms\n`,
    };
    for (const [name, tail] of Object.entries(hostile)) {
      const record = await probeFault(AREA, name, () => {
        const started = performance.now();
        const parsed = parseLogTail(tail, { requestId: ID });
        if (parsed.report) throw new Error('a report from a hostile tail');
        if (performance.now() - started > 10_000) throw new Error('took more than 10 s (a hang)');
      });
      expect(record.outcome, record.detail).toBe('handled');
    }
    const garbage = await probeFault(AREA, 'LogResult that is not base64', () => {
      const parsed = parseInvokeLogResult('%%%'.repeat(100_000), ID);
      if (parsed.report || !parsed.problem) throw new Error('garbage gave a report or no reason');
    });
    expect(garbage.outcome, garbage.detail).toBe('handled');
  });
});
