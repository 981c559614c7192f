import type { BenchSampleData, BenchSummary } from '../../../shared/contract/runs';
import { summarise } from '../../../shared/bench/summary';

/**
 * A run's summary from its samples: warm and cold apart. `warmWallMs` is the measured wall time;
 * without it (a run rebuilt from what was stored) it is the span from the first send to the last answer.
 */
export function summaryFromSamples(samples: readonly BenchSampleData[], options: { partial: boolean; warmWallMs?: number; coldSetupMs?: number[] }): BenchSummary {
  const warm = samples.filter((s) => !s.cold);
  const cold = samples.filter((s) => s.cold);
  return {
    warm: warm.length > 0 ? summarise(warm, options.warmWallMs ?? spanMs(warm)) : null,
    cold: cold.length > 0 ? summarise(cold, cold.reduce((sum, s) => sum + s.latencyMs, 0)) : null,
    coldSetupMs: options.coldSetupMs ?? [],
    partial: options.partial,
  };
}

function spanMs(samples: readonly BenchSampleData[]): number {
  let first = Infinity;
  let last = -Infinity;
  for (const s of samples) {
    if (s.tMs < first) first = s.tMs;
    if (s.tMs + s.latencyMs > last) last = s.tMs + s.latencyMs;
  }
  return Math.max(0, last - first);
}
