import { useMemo } from 'react';
import type uPlot from 'uplot';
import { COLD_COLOUR, ERROR_COLOUR, withAlpha } from './chart-palette';
import { ChartFigure } from './ChartFigure';
import type { LegendEntry } from './chart-png';
import { formatTickMs, type ChartRun } from './chart-run';
import { timelineFacts } from './chart-facts';
import { timelinePoints, type Points, type TimelinePoints } from './latency-math';
import { scatterPaths, type MarkerShape } from './scatter-paths';
import type { ChartOptions } from './UPlotChart';

interface ScatterSeries {
  label: string;
  points: Points;
  shape: MarkerShape;
  size: number;
  stroke: string;
  fill: string;
  swatch: string;
}

/** Every request over time, as points: the warm ones, failures as plus signs, cold starts as diamonds. */
export function TimelineChart({ runs, fileName }: { runs: readonly ChartRun[]; fileName: string }) {
  const perRun = useMemo(() => runs.map((run) => ({ run, label: run.label, points: timelinePoints(run.samples) })), [runs]);
  const scatter = useMemo(() => perRun.flatMap(({ run, points }) => seriesOf(run, points, runs.length > 1)).filter((s) => s.points[0].length > 0), [perRun, runs.length]);
  const { options, data } = useMemo(() => {
    const facets = [{ scale: 'x', auto: true }, { scale: 'y', auto: true }];
    const options: ChartOptions = {
      mode: 2,
      scales: { x: { time: false }, y: { distr: 3, log: 10 } },
      axes: [
        { label: 'Time since the run started (s)' },
        { label: 'Latency (ms)', size: 56, values: (_chart, splits) => splits.map(formatTickMs) },
      ],
      series: [
        {},
        ...scatter.map((s) => ({
          label: s.label,
          stroke: s.stroke,
          fill: s.fill,
          width: 1,
          paths: scatterPaths(s.shape, s.size),
          points: { show: false },
          facets,
        })),
      ],
      legend: { live: false },
      cursor: { drag: { x: true, y: true }, points: { show: false } },
    };
    // Faceted data: one [x[], y[]] per series, and nothing for the x series.
    const data = [null, ...scatter.map((s) => s.points)] as unknown as uPlot.AlignedData;
    return { options, data };
  }, [scatter]);
  const legend: LegendEntry[] = scatter.map((s) => ({ label: s.label, colour: s.swatch }));

  return (
    <ChartFigure title="Requests over time" testId="chart-timeline" fileName={`${fileName}-timeline`} options={options} data={data} legend={legend}
      emptyText={scatter.length === 0 ? 'No requests to chart.' : undefined} facts={timelineFacts(perRun)}
      description="Each request at the time it was sent. Cold starts are diamonds, failed requests plus signs. Drag to zoom, double-click to reset." />
  );
}

function seriesOf(run: ChartRun, points: TimelinePoints, comparing: boolean): ScatterSeries[] {
  const name = (what: string) => (comparing ? `${run.label}: ${what}` : what.charAt(0).toUpperCase() + what.slice(1));
  const cold = comparing ? run.colour : COLD_COLOUR;
  return [
    { label: name('requests'), points: points.requests, shape: 'square', size: 3, stroke: run.colour, fill: withAlpha(run.colour, 0.45), swatch: run.colour },
    { label: name('failed'), points: points.errors, shape: 'plus', size: 7, stroke: ERROR_COLOUR, fill: ERROR_COLOUR, swatch: ERROR_COLOUR },
    { label: name('cold starts'), points: points.cold, shape: 'diamond', size: 11, stroke: '#1f2328', fill: cold, swatch: cold },
  ];
}
