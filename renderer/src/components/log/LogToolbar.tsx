import { useId, type KeyboardEvent } from 'react';

interface LogToolbarProps {
  query: string;
  onQuery: (query: string) => void;
  /** Index of the current match, and how many there are. */
  current: number;
  matchCount: number;
  onStep: (delta: 1 | -1) => void;
  follow: boolean;
  onFollow: (follow: boolean) => void;
  lineCount: number;
}

/** Find in the log (Enter: next, Shift+Enter: previous, Escape: clear) and the follow-tail controls. */
export function LogToolbar({ query, onQuery, current, matchCount, onStep, follow, onFollow, lineCount }: LogToolbarProps) {
  const id = useId();
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      onStep(event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape' && query) {
      event.preventDefault();
      onQuery('');
    }
  };
  const countText = !query ? '' : matchCount === 0 ? 'No matches' : `${current + 1} of ${matchCount.toLocaleString()}`;

  return (
    <div className="log-toolbar">
      <label className="log-find-label" htmlFor={`${id}-find`}>
        Find
      </label>
      <input id={`${id}-find`} className="input log-find" type="search" data-testid="log-search" value={query} spellCheck={false}
        autoComplete="off" aria-describedby={`${id}-count`} onChange={(event) => onQuery(event.target.value)} onKeyDown={onKeyDown} />
      <span id={`${id}-count`} className="log-count" data-testid="log-search-count" aria-live="polite">
        {countText}
      </span>
      <button type="button" className="button button-small" data-testid="log-prev" aria-label="Previous match"
        aria-disabled={matchCount === 0} onClick={() => onStep(-1)}>
        Prev
      </button>
      <button type="button" className="button button-small" data-testid="log-next" aria-label="Next match"
        aria-disabled={matchCount === 0} onClick={() => onStep(1)}>
        Next
      </button>
      <span className="log-toolbar-spacer" />
      <span className="muted log-lines">{lineCount.toLocaleString()} lines</span>
      <div className="field-check log-follow">
        <input id={`${id}-follow`} type="checkbox" data-testid="log-follow" checked={follow} onChange={(event) => onFollow(event.target.checked)} />
        <label htmlFor={`${id}-follow`}>Follow</label>
      </div>
      <button type="button" className="button button-small" data-testid="log-jump-end" onClick={() => onFollow(true)}>
        Jump to end
      </button>
    </div>
  );
}
