import { useEffect, useMemo, useState } from 'react';
import { skylift } from '../../api/client';
import { describeError } from '../../components/describe-error';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { NO_FILTER, viewRuns, type RunListFilter, type RunSort } from '../../components/runs/run-list-view';
import { RunsEmpty } from '../../components/runs/RunsEmpty';
import { RunsFilterBar } from '../../components/runs/RunsFilterBar';
import { RunsTable } from '../../components/runs/RunsTable';
import { useAsync } from '../../hooks/use-async';
import { compareHref } from '../../hooks/use-runs-route';

/** Every stored bench run; tick two or more and Compare puts them on the same charts. */
export function RunsList() {
  const runs = useAsync(() => skylift.api.runs.list({}));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const { reload } = runs;
  const [filter, setFilter] = useState<RunListFilter>(NO_FILTER);
  const [sort, setSort] = useState<RunSort>('newest');
  const list = useMemo(() => runs.data ?? [], [runs.data]);
  const shown = useMemo(() => viewRuns(list, filter, sort), [list, filter, sort]);
  // Only runs still listed count (a ticked run hidden by a filter stays ticked), in the order the list is sorted:
  // the first is Compare's baseline.
  const chosen = viewRuns(list, NO_FILTER, sort).filter((run) => selected.has(run.id)).map((run) => run.id);

  // A bench that starts or ends elsewhere (Deploy, or `skylift bench`) changes the list.
  useEffect(() => skylift.on('jobs:changed', (job) => job.kind === 'bench' && reload()), [reload]);

  const select = (runId: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(runId);
    else next.delete(runId);
    setSelected(next);
  };

  return (
    <>
      <PageHeader title="Runs" description="Bench runs. Open one for its charts, name, note and tags, or tick two or more and compare them."
        actions={
          <>
            <button type="button" className="button" data-testid="runs-refresh" aria-busy={runs.loading} onClick={reload}>
              Refresh
            </button>
            <button type="button" className="button button-primary" data-testid="runs-compare" disabled={chosen.length < 2}
              aria-describedby="runs-compare-hint" onClick={() => (window.location.hash = compareHref(chosen))}>
              Compare{chosen.length >= 2 ? ` ${chosen.length}` : ''}
            </button>
          </>
        } />
      <p className="field-hint runs-hint" id="runs-compare-hint" aria-live="polite">
        {chosen.length < 2 ? 'Select two or more runs to compare them.' : `${chosen.length} runs selected.`}
      </p>
      {runs.error !== undefined && <ErrorAlert error={describeError(runs.error)} title="Could not list the runs" testId="runs-error" />}
      {!runs.data && runs.error === undefined && <p className="muted">Loading runs…</p>}
      {runs.data && list.length === 0 && <RunsEmpty />}
      {list.length > 0 && (
        <>
          <RunsFilterBar runs={list} filter={filter} sort={sort} onFilter={setFilter} onSort={setSort} shown={shown.length} />
          {shown.length > 0 ? (
            <RunsTable runs={shown} selected={selected} onSelect={select} />
          ) : (
            <p className="muted" data-testid="runs-none-match">
              No run matches these filters.
            </p>
          )}
        </>
      )}
    </>
  );
}
