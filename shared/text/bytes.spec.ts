import { describe, expect, it } from 'vitest';
import { formatBytes, formatRate } from './bytes';

describe('formatBytes: IEC binary units, labelled as such', () => {
  it.each([
    [0, '0 B'],
    [1, '1 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [1536, '1.5 KiB'],
    [12_595, '12.3 KiB'],
    [3 * 1024 ** 2, '3.0 MiB'],
    [734_003_200, '700.0 MiB'],
    [2 * 1024 ** 3, '2.0 GiB'],
    [10 * 1024 ** 3, '10.0 GiB'],
    [5 * 1024 ** 4, '5.0 TiB'],
    [3 * 1024 ** 5, '3072.0 TiB'], // the largest unit grows rather than inventing one
  ])('%d → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('picks the unit after rounding: never "1024.0 KiB" or "1024 B"', () => {
    expect(formatBytes(1023.6)).toBe('1.0 KiB');
    expect(formatBytes(1024 ** 2 - 1)).toBe('1.0 MiB');
    expect(formatBytes(1024 ** 3 - 1)).toBe('1.0 GiB');
    expect(formatBytes(1024 * 1023.9)).toBe('1023.9 KiB');
  });

  it('says "unknown" for what is not a count, instead of "NaN undefined"', () => {
    for (const bad of [Number.NaN, -1, Number.POSITIVE_INFINITY]) expect(formatBytes(bad)).toBe('unknown');
  });

  it('formats rates per second in the same units', () => {
    expect(formatRate(45 * 1024 ** 2)).toBe('45.0 MiB/s');
    expect(formatRate(800)).toBe('800 B/s');
  });
});
