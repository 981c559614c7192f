import uPlot from 'uplot';
import { coverageGrid, coveragePixels, parseColour } from './coverage-grid';

export type MarkerShape = 'square' | 'diamond' | 'plus';

/**
 * Draws a faceted (mode 2) series as markers straight onto the canvas and hands uPlot no path,
 * so it calls this again on each redraw (zoom included). Squares — the many warm requests — are
 * counted per pixel and put on the canvas as one image (coverage-grid.ts): filling 100,000 of them
 * one by one took ~200 ms without a GPU. Pluses and diamonds, the few failures and cold starts,
 * are drawn one by one. Overlapping translucent squares darken, which shows where points crowd.
 */
export function scatterPaths(shape: MarkerShape, sizePx: number): uPlot.Series.PathBuilder {
  let scratch: HTMLCanvasElement | null = null;
  return (chart, seriesIdx) => {
    const [xs, ys] = (chart.data as unknown as Array<[ArrayLike<number>, ArrayLike<number>]>)[seriesIdx];
    const series = chart.series[seriesIdx];
    const ctx = chart.ctx;
    const half = (sizePx * uPlot.pxRatio) / 2;
    const { left, top, width, height } = chart.bbox;
    if (shape === 'square') {
      const fill = parseColour(colourOf(chart, seriesIdx, series.fill));
      if (fill) {
        drawSquares(chart, xs, ys, sizePx * uPlot.pxRatio, fill, (scratch ??= document.createElement('canvas')));
        return null;
      }
    }
    ctx.save();
    // Markers on the plot's edge are drawn whole, as uPlot's own points are.
    ctx.beginPath();
    ctx.rect(left - half, top - half, width + half * 2, height + half * 2);
    ctx.clip();
    ctx.fillStyle = colourOf(chart, seriesIdx, shape === 'square' ? series.fill : series.stroke);
    ctx.strokeStyle = colourOf(chart, seriesIdx, series.stroke);
    ctx.lineWidth = uPlot.pxRatio;
    const diamonds = new Path2D();
    for (let i = 0; i < xs.length; i++) {
      const x = chart.valToPos(xs[i], 'x', true);
      const y = chart.valToPos(ys[i], 'y', true);
      if (x < left - half || x > left + width + half || y < top - half || y > top + height + half) continue;
      if (shape === 'square') {
        ctx.fillRect(x - half, y - half, half * 2, half * 2);
      } else if (shape === 'plus') {
        const bar = Math.max(1, uPlot.pxRatio * 1.5);
        ctx.fillRect(x - half, y - bar / 2, half * 2, bar);
        ctx.fillRect(x - bar / 2, y - half, bar, half * 2);
      } else {
        diamonds.moveTo(x, y - half);
        diamonds.lineTo(x + half, y);
        diamonds.lineTo(x, y + half);
        diamonds.lineTo(x - half, y);
        diamonds.closePath();
      }
    }
    if (shape === 'diamond') {
      ctx.fillStyle = colourOf(chart, seriesIdx, series.fill);
      ctx.fill(diamonds);
      ctx.stroke(diamonds);
    }
    ctx.restore();
    return null;
  };
}

/** Every square of a series at once, as one image of the pixels they cover (markers on the plot's edge drawn whole). */
function drawSquares(chart: uPlot, xs: ArrayLike<number>, ys: ArrayLike<number>, side: number, fill: NonNullable<ReturnType<typeof parseColour>>, scratch: HTMLCanvasElement): void {
  const reach = Math.ceil(side / 2);
  const { left, top, width, height } = chart.bbox;
  const originX = Math.floor(left) - reach;
  const originY = Math.floor(top) - reach;
  const gridX = new Float64Array(xs.length);
  const gridY = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    gridX[i] = chart.valToPos(xs[i], 'x', true) - originX;
    gridY[i] = chart.valToPos(ys[i], 'y', true) - originY;
  }
  const grid = coverageGrid(gridX, gridY, Math.ceil(width) + reach * 2, Math.ceil(height) + reach * 2, side);
  if (grid.width === 0 || grid.height === 0) return;
  scratch.width = grid.width;
  scratch.height = grid.height;
  const scratchCtx = scratch.getContext('2d');
  if (!scratchCtx) return;
  scratchCtx.putImageData(new ImageData(coveragePixels(grid, fill.rgb, fill.alpha) as Uint8ClampedArray<ArrayBuffer>, grid.width, grid.height), 0, 0);
  chart.ctx.drawImage(scratch, originX, originY);
}

/** uPlot turns a series' colours into functions once the chart exists. */
function colourOf(chart: uPlot, seriesIdx: number, colour: unknown): string {
  const value = typeof colour === 'function' ? (colour as (u: uPlot, i: number) => unknown)(chart, seriesIdx) : colour;
  return typeof value === 'string' ? value : '#000';
}
