import { useRef } from 'react';
import type { LogLine } from '../../hooks/job-buffer';

/** A traceback frame, an error or a warning: worth the error colour even from the adapter. */
const TROUBLE = /\b(error|exception|traceback|failed|fatal|warning|killed|denied)\b/i;
/** Lines that only narrate: Skylift's adapter ("skylift: …"), Lambda's START/END/REPORT, runtime INFO/DEBUG lines. */
const NARRATION = /^(skylift: |START RequestId: |END RequestId: |REPORT RequestId: |\S*\s*\[?(INFO|DEBUG)\]?[\s:])/;

/**
 * A container writes its narration to stderr (Python's logging does by default); drawing every
 * such line in the error colour hides the one line that is an error. Narration without a word of
 * trouble is shown as info; anything else on stderr stays as it came.
 */
export function isNarration(line: string): boolean {
  return NARRATION.test(line) && !TROUBLE.test(line) && !/^skylift: {3}/.test(line);
}

export function softenNarration(lines: readonly LogLine[], count: number, into: LogLine[]): LogLine[] {
  for (let i = into.length; i < count; i++) {
    const entry = lines[i];
    into.push(entry.stream === 'stderr' && isNarration(entry.line) ? { line: entry.line, stream: 'info' } : entry);
  }
  return into;
}

/** The container log as drawn: narration softened, computed once per new line (the buffer's array only grows). */
export function useSoftenedLog(lines: readonly LogLine[], count: number): readonly LogLine[] {
  const cache = useRef<{ source: readonly LogLine[]; out: LogLine[] } | null>(null);
  if (!cache.current || cache.current.source !== lines || cache.current.out.length > count) cache.current = { source: lines, out: [] };
  return softenNarration(lines, count, cache.current.out);
}

const ROW_PX = 20;
/** Room for a horizontal scrollbar below the last row, and for the "no output" line. */
const SLACK_PX = 16;
const MIN_PX = 44;
const MAX_PX = 420;

/** The log pane's height: its rows, up to a cap past which it scrolls. */
export const fittedLogHeight = (count: number): number => Math.min(MAX_PX, Math.max(MIN_PX, count * ROW_PX + SLACK_PX));
