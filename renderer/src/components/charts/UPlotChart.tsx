import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export type ChartOptions = Omit<uPlot.Options, 'width' | 'height'>;

interface UPlotChartProps {
  /** Options and data are compared by identity: memoise them, or the chart is rebuilt each render. */
  options: ChartOptions;
  data: uPlot.AlignedData;
  height: number;
  /** Told of the chart once it exists (and of null when it goes), e.g. to export it as an image. */
  onChart?: (chart: uPlot | null) => void;
}

/** A uPlot chart that fills its container's width and follows it when the window is resized. */
export function UPlotChart({ options, data, height, onChart }: UPlotChartProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const onChartRef = useRef(onChart);
  onChartRef.current = onChart;

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const widthOf = () => Math.max(240, Math.floor(host.clientWidth));
    let width = widthOf();
    const chart = new uPlot({ ...options, width, height }, data, host);
    onChartRef.current?.(chart);
    const observer = new ResizeObserver(() => {
      if (widthOf() === width) return;
      width = widthOf();
      chart.setSize({ width, height });
    });
    observer.observe(host);
    return () => {
      observer.disconnect();
      chart.destroy();
      onChartRef.current?.(null);
    };
  }, [options, data, height]);

  return <div ref={hostRef} className="chart-host" />;
}
