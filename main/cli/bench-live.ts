import type { BenchProgress, JobEvent } from '../../shared/contract';
import { describeProgress } from '../core/bench/bench-progress';
import type { LiveText } from './live-line';

/** The bench's live line (k6 style); a new phase and a phase's last request are milestones, printed even off a TTY. */
export function benchLiveText(): (event: Extract<JobEvent, { type: 'progress' }>) => LiveText | null {
  let phase: BenchProgress['phase'] | null = null;
  return ({ bench }) => {
    if (!bench) return null;
    const milestone = bench.phase !== phase || bench.done === bench.total;
    phase = bench.phase;
    return { text: describeProgress(bench), milestone };
  };
}
