import { describe, expect, it } from 'vitest';
import { depsHistory, type HistoryRow } from './image-config';

const row = (CreatedBy: string, Size: number): HistoryRow => ({ Created: 946684800, CreatedBy, Comment: '', Size });

describe('deps history for the weights image', () => {
  it('marks rows with a size as layers and metadata rows as empty, oldest first', () => {
    const newestFirst = [row('/bin/sh -c #(nop)  ENV A=1', 0), row('/bin/sh -c pip install x', 300), row('', 1000)];
    expect(depsHistory(newestFirst, 2).map((h) => [h.created_by, h.empty_layer ?? false])).toEqual([
      ['', false],
      ['/bin/sh -c pip install x', false],
      ['/bin/sh -c #(nop)  ENV A=1', true],
    ]);
  });

  it('gives zero-size layers (a RUN that wrote nothing, a WORKDIR) to the rows likeliest to have made them, so the count is exact', () => {
    const newestFirst = [row('/bin/sh -c #(nop)  ENV A=1', 0), row('/bin/sh -c #(nop) WORKDIR /w', 0), row('|1 X=1 /bin/sh -c true', 0), row('', 1000)];
    const history = depsHistory(newestFirst, 3);
    expect(history.filter((h) => !h.empty_layer)).toHaveLength(3);
    expect(history.find((h) => h.created_by.includes('ENV'))!.empty_layer).toBe(true);
    expect(depsHistory(newestFirst, 4).filter((h) => !h.empty_layer)).toHaveLength(4); // never fewer than the layers there are
  });
});
