import { useEffect, useState } from 'react';

export type RunsView = { view: 'list' } | { view: 'run'; runId: string } | { view: 'compare'; runIds: string[] };

const RUN_ID = /^[\w-]+$/;

/** `#/runs` → the list; `#/runs/<id>` → one run; `#/runs/compare/<id>,<id>` → runs side by side. */
export function readRunsView(hash: string): RunsView {
  const parts = hash.replace(/^#\/?/, '').split('/');
  if (parts[0] !== 'runs') return { view: 'list' };
  if (parts[1] === 'compare') {
    const runIds = [...new Set((parts[2] ?? '').split(',').filter((id) => RUN_ID.test(id)))];
    return runIds.length > 0 ? { view: 'compare', runIds } : { view: 'list' };
  }
  return parts[1] && RUN_ID.test(parts[1]) ? { view: 'run', runId: parts[1] } : { view: 'list' };
}

export const runHref = (runId: string): string => `#/runs/${runId}`;
export const compareHref = (runIds: readonly string[]): string => `#/runs/compare/${runIds.join(',')}`;

/** The Runs page's own view within its route, from the part of the hash after `#/runs`. */
export function useRunsView(): RunsView {
  const [view, setView] = useState(() => readRunsView(window.location.hash));
  useEffect(() => {
    const onChange = () => setView(readRunsView(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return view;
}
