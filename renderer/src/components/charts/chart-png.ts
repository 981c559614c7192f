import type uPlot from 'uplot';

export interface LegendEntry {
  label: string;
  colour: string;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

/**
 * The chart as a PNG a reader can understand on its own: a white background, the title, the
 * plot (axes included: uPlot draws them on its canvas) and the legend, which uPlot keeps in HTML.
 */
export function chartToPng(chart: uPlot, title: string, legend: readonly LegendEntry[]): Promise<Blob> {
  const plot = chart.ctx.canvas;
  const ratio = plot.width / chart.width || 1;
  const pad = 12 * ratio;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) return Promise.reject(new Error('This browser cannot draw an image of the chart.'));
  ctx.font = `${13 * ratio}px ${FONT}`;
  const rows = layoutLegend(ctx, legend, plot.width - pad * 2, ratio);
  const titleHeight = 36 * ratio;
  const legendHeight = rows.length * 20 * ratio + (rows.length > 0 ? pad : 0);
  canvas.width = plot.width;
  canvas.height = titleHeight + plot.height + legendHeight;

  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#1f2328';
  ctx.font = `600 ${16 * ratio}px ${FONT}`;
  ctx.textBaseline = 'middle';
  ctx.fillText(title, pad, titleHeight / 2);
  ctx.drawImage(plot, 0, titleHeight);

  ctx.font = `${13 * ratio}px ${FONT}`;
  rows.forEach((row, rowIndex) => {
    const y = titleHeight + plot.height + (rowIndex + 0.5) * 20 * ratio;
    for (const item of row) {
      ctx.fillStyle = item.colour;
      ctx.fillRect(item.x, y - 5 * ratio, 10 * ratio, 10 * ratio);
      ctx.fillStyle = '#1f2328';
      ctx.fillText(item.label, item.x + 16 * ratio, y);
    }
  });

  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The image could not be made.'))), 'image/png'));
}

/** Legend entries laid out left to right, wrapping to a new row when the width runs out. */
function layoutLegend(ctx: CanvasRenderingContext2D, legend: readonly LegendEntry[], maxWidth: number, ratio: number) {
  const rows: Array<Array<LegendEntry & { x: number }>> = [];
  let row: Array<LegendEntry & { x: number }> = [];
  let x = 12 * ratio;
  for (const entry of legend) {
    const width = 16 * ratio + ctx.measureText(entry.label).width + 20 * ratio;
    if (row.length > 0 && x + width > maxWidth) {
      rows.push(row);
      row = [];
      x = 12 * ratio;
    }
    row.push({ ...entry, x });
    x += width;
  }
  if (row.length > 0) rows.push(row);
  return rows;
}
