import { useEffect, useMemo, useRef, useState } from 'react';
import { terminalJobStates } from '../../../../shared/contract';
import { skylift } from '../../api/client';
import { runColour } from '../../components/charts/chart-palette';
import type { BenchRun } from '../../../../shared/contract';
import type { ChartRun } from '../../components/charts/chart-run';
import { HistogramChart } from '../../components/charts/HistogramChart';
import { warmLatencies } from '../../components/charts/latency-math';
import { PercentileChart } from '../../components/charts/PercentileChart';
import { TimelineChart } from '../../components/charts/TimelineChart';
import { VARIANT_LABEL } from '../../components/deploy/variant-labels';
import { describeError } from '../../components/describe-error';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { Panel } from '../../components/Panel';
import { DeleteRunButton } from '../../components/runs/DeleteRunButton';
import { CompareTable } from '../../components/runs/CompareTable';
import { ExportButtons } from '../../components/runs/ExportButtons';
import { RunFactsCard } from '../../components/runs/RunFactsCard';
import { RunMetaEditor } from '../../components/runs/RunMetaEditor';
import { runLabel } from '../../components/runs/run-format';
import { ColdSummaryTable, WarmSummaryTable } from '../../components/runs/SummaryTables';
import { useRunData } from '../../hooks/use-run-data';

/** One run, or several overlaid: what was measured, the summary, the charts, and export. */
export function RunDetail({ runIds }: { runIds: readonly string[] }) {
  const data = useRunData(runIds);
  const rootRef = useRef<HTMLDivElement>(null);
  const comparing = runIds.length > 1;
  // A saved name, note or tags replace the run's record here, without reading its samples again.
  const [edited, setEdited] = useState<Readonly<Record<string, BenchRun>>>({});
  const loaded = useMemo(() => data.data?.map((entry) => ({ ...entry, run: edited[entry.run.id] ?? entry.run })), [data.data, edited]);
  const { reload } = data;

  const chartRuns = useMemo<ChartRun[]>(
    () => (loaded ?? []).map(({ run, samples }, index) => ({ id: run.id, label: runLabel(run), colour: runColour(index), samples, latencies: warmLatencies(samples) })),
    [loaded],
  );

  // Opening a run from the list keeps this page mounted, so focus moves here as it would on a new page.
  useEffect(() => rootRef.current?.focus(), []);

  // A run still measuring gets its samples when its bench job ends.
  const pendingJobs = (loaded ?? []).filter(({ run }) => run.state === 'running' && run.jobId).map(({ run }) => run.jobId);
  const waitingFor = pendingJobs.join(',');
  useEffect(() => {
    if (!waitingFor) return;
    return skylift.on('jobs:changed', (job) => waitingFor.split(',').includes(job.id) && terminalJobStates.includes(job.state) && reload());
  }, [waitingFor, reload]);

  const first = loaded?.[0]?.run;
  const title = comparing ? `Compare ${runIds.length} runs` : first ? first.name || `${first.project} · ${VARIANT_LABEL[first.variant]}` : 'Run';
  const fileName = comparing || !first ? 'skylift-compare' : `skylift-${first.project}-${first.variant}`;
  const entries = chartRuns.map((chart, index) => ({ run: loaded![index].run, label: chart.label, colour: chart.colour }));

  return (
    <>
      <PageHeader title={title} description={comparing ? 'The runs overlaid on each chart, in the colours of the legend.' : 'Latency of every request in this bench run.'}
        actions={<a className="button" href="#/runs" data-testid="runs-back">All runs</a>} />
      <div className="panel-stack run-detail runs-wide" data-testid="run-detail" ref={rootRef} tabIndex={-1} aria-busy={data.loading}>
        {data.error !== undefined && (
          <ErrorAlert error={describeError(data.error)} title={comparing ? 'Could not read these runs' : 'Could not read this run'} testId="run-detail-error">
            <button type="button" className="button" onClick={reload}>
              Try again
            </button>
          </ErrorAlert>
        )}
        {!loaded && data.error === undefined && <p className="muted" role="status">Reading the samples…</p>}
        {loaded && (
          <>
            <div className="run-facts-grid">
              {entries.map((entry) => (
                <RunFactsCard key={entry.run.id} run={entry.run} label={entry.label} colour={comparing ? entry.colour : undefined} />
              ))}
            </div>
            {pendingJobs.length > 0 && (
              <div className="alert alert-info" role="status">
                <p className="alert-title">Still measuring</p>
                <p>The charts fill in when the bench ends.</p>
              </div>
            )}
            <Panel title="Summary">
              <div className="summary-tables">
                <WarmSummaryTable entries={entries} />
                <ColdSummaryTable entries={entries} />
                {comparing && <CompareTable entries={entries} />}
              </div>
            </Panel>
            <Panel title="Charts" className="chart-panel">
              <div className="chart-stack">
                <PercentileChart runs={chartRuns} fileName={fileName} />
                <HistogramChart runs={chartRuns} fileName={fileName} />
                <TimelineChart runs={chartRuns} fileName={fileName} />
              </div>
            </Panel>
            {!comparing && first && (
              <Panel title="Name, note and tags">
                <RunMetaEditor run={first} onSaved={(run) => setEdited((previous) => ({ ...previous, [run.id]: run }))} />
              </Panel>
            )}
            <Panel title="Export">
              <div className="export-row">
                <ExportButtons runs={entries.map((entry) => entry.run)} />
                {!comparing && first && <DeleteRunButton runId={first.id} onDeleted={() => (window.location.hash = '#/runs')} />}
              </div>
            </Panel>
          </>
        )}
      </div>
    </>
  );
}
