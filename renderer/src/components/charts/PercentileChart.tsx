import { useMemo } from 'react';
import type uPlot from 'uplot';
import { formatMs } from '../runs/run-format';
import { ChartFigure } from './ChartFigure';
import { formatTickMs, type ChartRun } from './chart-run';
import { percentileFacts } from './chart-facts';
import { formatPercentile, percentileCurves } from './latency-math';
import type { ChartOptions } from './UPlotChart';

/** HDR-style latency by percentile: the tail spread out on a 1/(1−p) axis, latency on a log axis. */
export function PercentileChart({ runs, fileName }: { runs: readonly ChartRun[]; fileName: string }) {
  const { options, data } = useMemo(() => {
    const curves = percentileCurves(runs.map((run) => run.latencies));
    const options: ChartOptions = {
      // Room on the right for the last tick's label ("99.999%"), which centres on the plot's edge.
      padding: [8, 32, 0, 0],
      scales: { x: { time: false, range: [0, curves.maxX] }, y: { distr: 3, log: 10 } },
      axes: [
        {
          label: 'Percentile',
          splits: () => Array.from({ length: curves.maxX + 1 }, (_, i) => i),
          values: (_chart, splits) => splits.map((x) => (x === null ? '' : formatPercentile(x))),
        },
        { label: 'Latency (ms)', size: 56, values: (_chart, splits) => splits.map(formatTickMs) },
      ],
      series: [
        { label: 'Percentile', value: (_chart, x) => (x === null ? '–' : formatPercentile(x)) },
        ...runs.map((run) => ({ label: run.label, stroke: run.colour, width: 2, points: { show: false }, value: (_chart: uPlot, y: number | null) => formatMs(y) })),
      ],
      cursor: { drag: { x: true, y: false } },
    };
    return { options, data: [curves.x, ...curves.ys] as uPlot.AlignedData };
  }, [runs]);

  return (
    <ChartFigure title="Latency by percentile" testId="chart-percentiles" fileName={`${fileName}-percentiles`} options={options} data={data}
      legend={runs.map(({ label, colour }) => ({ label, colour }))}
      emptyText={runs.every((run) => run.latencies.length === 0) ? 'No successful warm requests to chart.' : undefined} facts={percentileFacts(runs)}
      description="Successful warm requests. Each step right is ten times rarer: 90%, 99%, 99.9% … Drag to zoom, double-click to reset." />
  );
}
