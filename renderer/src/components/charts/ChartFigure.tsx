import { useId, useRef, useState } from 'react';
import type uPlot from 'uplot';
import { chartToPng, type LegendEntry } from './chart-png';
import { downloadBlob } from './download';
import { UPlotChart, type ChartOptions } from './UPlotChart';

interface ChartFigureProps {
  title: string;
  /** How to read the chart, in a sentence. */
  description: string;
  testId: string;
  /** The PNG's file name, without extension. */
  fileName: string;
  options: ChartOptions;
  data: uPlot.AlignedData;
  legend: readonly LegendEntry[];
  /** Set when there is nothing to draw; said instead of an empty plot. */
  emptyText?: string;
  /** What the plot was drawn from, in words (how many samples, the key figures): read with the chart, and checked by the tests. */
  facts?: string;
  height?: number;
}

/** A titled chart with its description and a button to save it as a PNG. */
export function ChartFigure({ title, description, testId, fileName, options, data, legend, emptyText, facts, height = 320 }: ChartFigureProps) {
  const titleId = useId();
  const chartRef = useRef<uPlot | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);

  const exportPng = async () => {
    if (!chartRef.current) return;
    try {
      downloadBlob(await chartToPng(chartRef.current, title, legend), `${fileName}.png`);
      setExportError(null);
    } catch (error) {
      setExportError(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <figure className="chart-figure" data-testid={testId} aria-labelledby={titleId} aria-describedby={`${titleId}-description`}>
      <div className="chart-figure-header">
        <h3 id={titleId} className="chart-title">
          {title}
        </h3>
        {!emptyText && (
          <button type="button" className="button button-small" data-testid="export-png" aria-label={`Save “${title}” as a PNG image`}
            onClick={() => void exportPng()}>
            PNG
          </button>
        )}
      </div>
      <p className="field-hint" id={`${titleId}-description`}>
        {description}
      </p>
      {emptyText ? <p className="chart-empty">{emptyText}</p> : <UPlotChart options={options} data={data} height={height} onChart={(chart) => (chartRef.current = chart)} />}
      {facts && !emptyText && (
        <p className="field-hint chart-facts" data-testid="chart-facts">
          {facts}
        </p>
      )}
      {exportError && (
        <p className="field-error" role="alert">
          {exportError}
        </p>
      )}
    </figure>
  );
}
