import type { SampleColumns } from '../../../../shared/contract';

/** One run as the charts see it: its name and colour, its samples, and its successful warm latencies sorted. */
export interface ChartRun {
  id: string;
  label: string;
  colour: string;
  samples: SampleColumns;
  latencies: Float64Array;
}

/** Axis tick labels for milliseconds: "0.5", "10", "2k" — short, since the axis says "ms"; uPlot passes null for a tick it leaves unlabelled. */
export function formatTickMs(value: number | null): string {
  if (value === null) return '';
  if (value >= 1000) return `${Number((value / 1000).toPrecision(3))}k`;
  return String(Number(value.toPrecision(3)));
}
