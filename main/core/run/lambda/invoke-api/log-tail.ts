import type { LambdaReport } from '../types';
import { formatReportLine } from '../report';

/** X-Amz-Log-Result carries the last 4 KB of the invocation's log. */
export const LOG_TAIL_BYTES = 4096;

/** At most this much of one invocation's output is kept while it runs: the tail needs only 4 KB. */
const KEEP_BYTES = LOG_TAIL_BYTES * 2;

/**
 * The output an environment printed while one invocation ran, kept bounded (older lines are
 * dropped once more than the tail's worth has arrived), so a chatty function costs constant memory.
 */
export class InvocationLog {
  private lines: string[] = [];
  private bytes = 0;
  private lastLineAt = 0;

  add(line: string): void {
    this.lines.push(line);
    this.bytes += Buffer.byteLength(line) + 1;
    this.lastLineAt = performance.now();
    while (this.bytes > KEEP_BYTES && this.lines.length > 1) this.bytes -= Buffer.byteLength(this.lines.shift()!) + 1;
  }

  /** Milliseconds since the last line arrived (or since `since`, when none has). */
  quietForMs(since: number): number {
    return performance.now() - Math.max(this.lastLineAt, since);
  }

  /**
   * The log as Lambda writes it for one invocation (START, the function's output, END, REPORT),
   * cut to its last 4 KB and base64-encoded, as X-Amz-Log-Result carries it. Like Lambda's, the
   * cut is by bytes and may fall inside a line or a character.
   */
  tail(report: LambdaReport, version: string): string {
    const text =
      `START RequestId: ${report.requestId} Version: ${version}\n` +
      this.lines.map((line) => `${line}\n`).join('') +
      `END RequestId: ${report.requestId}\n${formatReportLine(report)}\t\n`;
    const bytes = Buffer.from(text, 'utf8');
    return bytes.subarray(Math.max(0, bytes.length - LOG_TAIL_BYTES)).toString('base64');
  }
}
