import uPlot from 'uplot';

export type MarkerShape = 'square' | 'diamond' | 'plus';

/**
 * Draws a faceted (mode 2) series as markers straight onto the canvas and hands uPlot no path,
 * so it calls this again on each redraw. Squares and pluses are plain rectangles, which a canvas
 * fills fast enough for a hundred thousand points; one huge Path2D would take half a second to
 * rasterise without a GPU. Overlapping translucent squares darken, which shows where points crowd.
 */
export function scatterPaths(shape: MarkerShape, sizePx: number): uPlot.Series.PathBuilder {
  return (chart, seriesIdx) => {
    const [xs, ys] = (chart.data as unknown as Array<[ArrayLike<number>, ArrayLike<number>]>)[seriesIdx];
    const series = chart.series[seriesIdx];
    const ctx = chart.ctx;
    const half = (sizePx * uPlot.pxRatio) / 2;
    const { left, top, width, height } = chart.bbox;
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

/** uPlot turns a series' colours into functions once the chart exists. */
function colourOf(chart: uPlot, seriesIdx: number, colour: unknown): string {
  const value = typeof colour === 'function' ? (colour as (u: uPlot, i: number) => unknown)(chart, seriesIdx) : colour;
  return typeof value === 'string' ? value : '#000';
}
