import { Fragment, memo, type ReactNode } from 'react';
import type { LogLine } from '../../hooks/job-buffer';
import { parseAnsi } from './ansi';
import { occurrences } from './log-search';

interface LogRowProps {
  number: number;
  entry: LogLine;
  /** Lower-cased search text; '' for none. */
  needle: string;
  /** Where the current match starts in this row, or -1. */
  currentStart: number;
}

/** One log line: its number, its ANSI colours, and any search matches marked. */
export const LogRow = memo(function LogRow({ number, entry, needle, currentStart }: LogRowProps) {
  const segments = parseAnsi(entry.line);
  const plain = segments.map((s) => s.text).join('');
  const starts = needle ? occurrences(plain.toLowerCase(), needle) : [];
  let offset = 0;
  return (
    <div className={`log-row log-${entry.stream}`}>
      <span className="log-number" aria-hidden="true">
        {number}
      </span>
      <span className="log-text">
        {segments.map((segment, index) => {
          const content = markMatches(segment.text, offset, starts, needle.length, currentStart);
          offset += segment.text.length;
          return segment.className ? (
            <span key={index} className={segment.className}>
              {content}
            </span>
          ) : (
            <Fragment key={index}>{content}</Fragment>
          );
        })}
      </span>
    </div>
  );
});

/** Wraps the parts of `text` (which starts at `offset` in the row) that fall inside a match in <mark>. */
function markMatches(text: string, offset: number, starts: number[], length: number, currentStart: number): ReactNode {
  if (starts.length === 0) return text;
  const parts: ReactNode[] = [];
  let at = 0;
  for (const start of starts) {
    const from = Math.max(start - offset, at);
    const to = Math.min(start + length - offset, text.length);
    if (to <= from) continue;
    if (from > at) parts.push(text.slice(at, from));
    parts.push(
      <mark key={start} className={start === currentStart ? 'log-mark log-mark-current' : 'log-mark'}>
        {text.slice(from, to)}
      </mark>,
    );
    at = to;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}
