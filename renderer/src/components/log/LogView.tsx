import { useDeferredValue, useEffect, useState, type CSSProperties } from 'react';
import type { LogLine } from '../../hooks/job-buffer';
import { LogSearch } from './log-search';
import { LogRow } from './LogRow';
import { LogToolbar } from './LogToolbar';
import { LOG_ROW_HEIGHT, useLogScroll } from './use-log-scroll';

interface LogViewProps {
  /** Append-only; only the first `count` rows are shown. */
  lines: readonly LogLine[];
  count: number;
  label: string;
  testId?: string;
  /** Shown while there are no lines yet. */
  emptyText?: string;
}

/**
 * A log of any length: only the rows in view are in the DOM, colours come from ANSI escapes,
 * and Find highlights and steps through matches. It follows the newest line until scrolled up.
 */
export function LogView({ lines, count, label, testId, emptyText = 'No output yet.' }: LogViewProps) {
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(0);
  const [search] = useState(() => new LogSearch());
  const deferredQuery = useDeferredValue(query);
  const matches = search.update(lines, count, deferredQuery);
  const { scrollerRef, onScroll, first, last, follow, setFollow, scrollToRow } = useLogScroll(count);
  const currentMatch = matches.length > 0 ? matches[Math.min(current, matches.length - 1)] : undefined;
  const needle = deferredQuery.toLowerCase();

  const step = (delta: 1 | -1) => {
    if (matches.length === 0) return;
    const next = (Math.min(current, matches.length - 1) + delta + matches.length) % matches.length;
    setCurrent(next);
    scrollToRow(matches[next].line);
  };

  // A new search shows its first match, as find-in-page does.
  useEffect(() => {
    setCurrent(0);
    if (deferredQuery && matches.length > 0) scrollToRow(matches[0].line);
    // Only when the text changes; new rows must not move the view.
  }, [deferredQuery]);

  const rows = [];
  for (let row = first; row < last; row++) {
    const currentStart = currentMatch?.line === row ? currentMatch.start : -1;
    rows.push(<LogRow key={row} number={row + 1} entry={lines[row]} needle={needle} currentStart={currentStart} />);
  }

  return (
    <div className="log-view">
      <LogToolbar query={query} onQuery={setQuery} current={Math.min(current, Math.max(0, matches.length - 1))} matchCount={matches.length}
        onStep={step} follow={follow} onFollow={setFollow} lineCount={count} />
      <div ref={scrollerRef} className="log-scroller" data-testid={testId} role="region" aria-label={label} tabIndex={0} onScroll={onScroll}
        style={{ '--log-gutter': `${String(count).length + 2.5}ch` } as CSSProperties}>
        {count === 0 && <p className="log-empty">{emptyText}</p>}
        <div className="log-spacer" style={{ height: count * LOG_ROW_HEIGHT }}>
          <div className="log-rows" style={{ transform: `translateY(${first * LOG_ROW_HEIGHT}px)` }}>
            {rows}
          </div>
        </div>
      </div>
    </div>
  );
}
