import { describe, expect, it } from 'vitest';
import type { BenchRun } from '../../../../shared/contract';
import { compareFigure, COMPARE_FIGURES, figuresFor } from './compare-diff';

const withWarm = (p50Ms: number, errorRate: number, usd: number | null): BenchRun =>
  ({
    summary: { warm: { count: 100, errors: 0, errorRate, throughputPerSec: 200, meanMs: p50Ms, p50Ms, p90Ms: p50Ms, p99Ms: p50Ms, p999Ms: p50Ms, maxMs: p50Ms, minMs: 1 }, cold: null, coldSetupMs: [], partial: false },
    cost: usd === null ? null : { perMillion: { total: usd } },
  }) as unknown as BenchRun;

const figure = (label: string) => COMPARE_FIGURES.find((f) => f.label === label)!;

describe('compare differences', () => {
  it('gives each figure its signed difference (Δ) and ratio (×) against the first run', () => {
    const first = withWarm(10, 0.01, 2);
    const second = withWarm(12.5, 0.005, 1);
    expect(compareFigure(figure('Warm p50'), first, second)).toEqual({ value: '12.5 ms', delta: '+2.50 ms', ratio: '1.25×' });
    expect(compareFigure(figure('Warm p50'), second, first)).toEqual({ value: '10.0 ms', delta: '−2.50 ms', ratio: '0.800×' });
    expect(compareFigure(figure('Error rate'), first, second)).toMatchObject({ delta: '−0.5 pp', ratio: '0.500×' });
    expect(compareFigure(figure('Cost per 1M'), first, second)).toEqual({ value: '$1.00', delta: '−$1.00', ratio: '0.500×' });
    expect(compareFigure(figure('Warm p50'), first, first)).toMatchObject({ delta: '±0.00 ms', ratio: '1.00×' });
  });

  it('prints a dash where a run lacks the figure or the baseline is zero, and leaves out figures no run has', () => {
    const priced = withWarm(10, 0, 2);
    const unpriced = withWarm(10, 0.1, null);
    expect(compareFigure(figure('Cost per 1M'), unpriced, priced)).toEqual({ value: '$2.00', delta: '–', ratio: '–' });
    expect(compareFigure(figure('Error rate'), priced, unpriced)).toMatchObject({ delta: '+10 pp', ratio: '–' });
    expect(figuresFor([unpriced, unpriced]).map((f) => f.label)).not.toContain('Cost per 1M');
    expect(figuresFor([unpriced, priced]).map((f) => f.label)).toContain('Cost per 1M');
  });
});
