import { useMemo } from 'react';
import uPlot from 'uplot';
import { formatMs } from '../runs/run-format';
import { withAlpha } from './chart-palette';
import { ChartFigure } from './ChartFigure';
import { formatTickMs, type ChartRun } from './chart-run';
import { latencyHistogram } from './latency-math';
import type { ChartOptions } from './UPlotChart';

/** How requests spread over latency: log-spaced buckets shared by every run, as a share of each run's requests. */
export function HistogramChart({ runs, fileName }: { runs: readonly ChartRun[]; fileName: string }) {
  const { options, data } = useMemo(() => {
    const { edges, ys } = latencyHistogram(runs.map((run) => run.latencies));
    const stepped = uPlot.paths.stepped?.({ align: 1 });
    const options: ChartOptions = {
      scales: { x: { time: false, distr: 3, log: 10 }, y: { range: (_chart, _min, max) => [0, Math.max(1, max * 1.08)] } },
      axes: [
        { label: 'Latency (ms)', values: (_chart, splits) => splits.map(formatTickMs) },
        { label: 'Share of requests (%)', size: 56 },
      ],
      series: [
        { label: 'Bucket', value: (_chart, _x, _series, idx) => (idx === null || idx >= edges.length - 1 ? '–' : `${formatMs(edges[idx])} – ${formatMs(edges[idx + 1])}`) },
        ...runs.map((run) => ({
          label: run.label,
          stroke: run.colour,
          fill: withAlpha(run.colour, runs.length > 1 ? 0.12 : 0.25),
          width: 1.5,
          paths: stepped,
          points: { show: false },
          value: (_chart: uPlot, y: number | null) => (y === null ? '–' : `${y.toFixed(1)}%`),
        })),
      ],
      cursor: { drag: { x: true, y: false } },
    };
    return { options, data: [edges, ...ys] as uPlot.AlignedData };
  }, [runs]);

  return (
    <ChartFigure title="Latency histogram" testId="chart-histogram" fileName={`${fileName}-histogram`} options={options} data={data}
      legend={runs.map(({ label, colour }) => ({ label, colour }))}
      emptyText={runs.every((run) => run.latencies.length === 0) ? 'No successful warm requests to chart.' : undefined}
      description="Successful warm requests in log-spaced buckets; each run's bars add up to 100%." />
  );
}
