import { latencyAtPercentile } from '../../../../shared/bench/percentile';
import { formatMs } from '../runs/run-format';
import type { TimelinePoints } from './latency-math';

/** Several runs' facts are prefixed by their names; one run's stand alone. */
const named = (label: string, text: string, comparing: boolean) => (comparing ? `${label}: ${text}` : text);

/** Under the percentile chart: how many requests it was drawn from, and the figures it shows, read from the same sorted latencies. */
export function percentileFacts(runs: ReadonlyArray<{ label: string; latencies: Float64Array }>): string {
  return runs
    .map(({ label, latencies }) => {
      const at = (fraction: number) => formatMs(latencyAtPercentile(latencies, fraction));
      return named(label, `${latencies.length.toLocaleString('en-US')} successful warm requests: p50 ${at(0.5)} · p99 ${at(0.99)} · max ${at(1)}`, runs.length > 1);
    })
    .join('; ');
}

/** Under the timeline: every request drawn, by kind. */
export function timelineFacts(runs: ReadonlyArray<{ label: string; points: TimelinePoints }>): string {
  return runs
    .map(({ label, points }) => {
      const [warm, failed, cold] = [points.requests, points.errors, points.cold].map(([xs]) => xs.length);
      const n = (count: number) => count.toLocaleString('en-US');
      return named(label, `${n(warm + failed + cold)} requests: ${n(warm)} answered warm, ${n(failed)} failed, ${n(cold)} cold start${cold === 1 ? '' : 's'}`, runs.length > 1);
    })
    .join('; ');
}
