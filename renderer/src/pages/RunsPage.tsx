import { lazy, Suspense } from 'react';
import { prefetchRuns } from '../components/runs/load-runs';
import { useRunsView } from '../hooks/use-runs-route';
import { RunsList } from './runs/RunsList';

// The charts (and uPlot) load with the first run opened, not with the app.
const RunDetail = lazy(() => import('./runs/RunDetail').then((module) => ({ default: module.RunDetail })));

/** Runs: the list of bench runs, one run's charts (`#/runs/<id>`), or several compared (`#/runs/compare/<id>,<id>`). */
export function RunsPage() {
  const view = useRunsView();
  if (view.view === 'list') return <RunsList />;
  const runIds = view.view === 'run' ? [view.runId] : view.runIds;
  // Asked for now, not after the charts' code has loaded and mounted.
  prefetchRuns(runIds);
  return (
    <Suspense fallback={<p className="muted" role="status">Loading the charts…</p>}>
      <RunDetail key={runIds.join(',')} runIds={runIds} />
    </Suspense>
  );
}
