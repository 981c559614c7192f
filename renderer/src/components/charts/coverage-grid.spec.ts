import { describe, expect, it } from 'vitest';
import { withAlpha } from './chart-palette';
import { coverageGrid, coveragePixels, parseColour } from './coverage-grid';

/** The grid as rows of digits, for readable expectations. */
const rows = ({ width, counts }: { width: number; counts: Uint8Array }) =>
  Array.from({ length: counts.length / width }, (_, row) => [...counts.subarray(row * width, (row + 1) * width)].join(''));

describe('coverage grid: many squares drawn as pixels', () => {
  it('counts the pixels each square covers, centred on its point, overlaps adding up', () => {
    const grid = coverageGrid([1, 2, 5.4], [1, 2, 1.6], 7, 4, 3);
    expect(rows(grid)).toEqual(['1110000', '1221111', '1221111', '0111111']);
  });

  it('cuts squares off at the edges, as the clip did, and skips points the scale could not place', () => {
    const grid = coverageGrid([0, 3, NaN], [0, 3, 1], 4, 4, 3);
    expect(rows(grid)).toEqual(['1100', '1100', '0011', '0011']);
  });

  it('gives a one-pixel square to sizes that round below one, and caps a crowded pixel at 255 layers', () => {
    const xs = new Float64Array(300).fill(1);
    const grid = coverageGrid(xs, xs, 3, 3, 0.4);
    expect(grid.counts[4]).toBe(255);
    expect([...grid.counts].filter((n) => n > 0)).toHaveLength(1);
  });

  it('colours a pixel as n layers of the translucent colour would: alpha 1 − (1 − a)^n, the rest transparent', () => {
    const grid = { width: 3, height: 1, counts: Uint8Array.from([0, 1, 2]) };
    const pixels = coveragePixels(grid, [11, 87, 208], 0.45);
    expect([...pixels]).toEqual([0, 0, 0, 0, 11, 87, 208, Math.round(255 * 0.45), 11, 87, 208, Math.round(255 * (1 - 0.55 ** 2))]);
  });

  it('reads the colours the charts use back into channels', () => {
    expect(parseColour(withAlpha('#0b57d0', 0.45))).toEqual({ rgb: [11, 87, 208], alpha: 0.45 });
    expect(parseColour('#d9480f')).toEqual({ rgb: [217, 72, 15], alpha: 1 });
    expect(parseColour('rgb(1, 2, 3)')).toEqual({ rgb: [1, 2, 3], alpha: 1 });
    expect(parseColour('hsl(10 20% 30%)')).toBeNull();
  });
});
