import { useEffect, useRef, useState } from 'react';
import { prefetchRuns } from '../components/runs/load-runs';
import { useRunsView } from '../hooks/use-runs-route';
import { RunsList } from './runs/RunsList';

type DetailModule = typeof import('./runs/RunDetail');

// The charts (and uPlot) load with the first run opened, not with the app.
let detailModule: DetailModule | undefined;
let detailLoading: Promise<DetailModule> | undefined;
const loadDetail = () => (detailLoading ??= import('./runs/RunDetail').then((module) => (detailModule = module)));

/** Runs: the list of bench runs, one run's charts (`#/runs/<id>`), or several compared (`#/runs/compare/<id>,<id>`). */
export function RunsPage() {
  const view = useRunsView();
  const prefetched = useRef('');
  if (view.view === 'list') {
    prefetched.current = '';
    return <RunsList />;
  }
  const runIds = view.view === 'run' ? [view.runId] : view.runIds;
  const key = runIds.join(',');
  // Asked for now, together with the charts' code, not after that code has loaded and mounted; once per run opened.
  if (prefetched.current !== key) {
    prefetched.current = key;
    prefetchRuns(runIds);
    if (!detailModule) void loadDetail().catch(() => undefined);
  }
  return <RunDetailWhenLoaded key={key} runIds={runIds} />;
}

/**
 * The run's page once its code is here. Not React.lazy: a Suspense boundary that showed its
 * fallback holds the content back until 300 ms after it did, which alone was a third of the
 * time a large run took to open.
 */
function RunDetailWhenLoaded({ runIds }: { runIds: readonly string[] }) {
  const [loaded, setLoaded] = useState(detailModule);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (loaded) return;
    let current = true;
    loadDetail().then(
      (module) => current && setLoaded(module),
      () => current && setFailed(true),
    );
    return () => void (current = false);
  }, [loaded]);
  if (loaded) return <loaded.RunDetail runIds={runIds} />;
  if (failed) {
    return (
      <div className="alert alert-error" role="alert" data-testid="run-detail-error">
        <p className="alert-title">Could not load the charts</p>
        <p>Reload the page; if Skylift was updated meanwhile, the reload brings the new version.</p>
      </div>
    );
  }
  return (
    <p className="muted" role="status">
      Loading the charts…
    </p>
  );
}
