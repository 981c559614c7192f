import { useEffect, useState } from 'react';
import { skylift } from '../../api/client';
import { describeError } from '../../components/describe-error';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { RunsEmpty } from '../../components/runs/RunsEmpty';
import { RunsTable } from '../../components/runs/RunsTable';
import { useAsync } from '../../hooks/use-async';
import { compareHref } from '../../hooks/use-runs-route';

/** Every stored bench run; tick two or more and Compare puts them on the same charts. */
export function RunsList() {
  const runs = useAsync(() => skylift.api.runs.list({}));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const { reload } = runs;
  const list = runs.data ?? [];
  // Only runs still listed count, in the table's order (newest first).
  const chosen = list.filter((run) => selected.has(run.id)).map((run) => run.id);

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
      <PageHeader title="Runs" description="Bench runs, newest first. Open one for its charts, or tick two or more and compare them."
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
      {runs.data && (list.length === 0 ? <RunsEmpty /> : <RunsTable runs={list} selected={selected} onSelect={select} />)}
    </>
  );
}
