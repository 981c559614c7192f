import type { BenchRun } from '../../../../shared/contract';
import { StatusBadge } from '../StatusBadge';

const STATE_BADGE: Record<BenchRun['state'], { tone: 'ok' | 'bad' | 'neutral'; word: string }> = {
  running: { tone: 'neutral', word: 'Running' },
  complete: { tone: 'ok', word: 'Complete' },
  failed: { tone: 'bad', word: 'Failed' },
  cancelled: { tone: 'neutral', word: 'Cancelled' },
};

export function RunStateBadge({ state }: { state: BenchRun['state'] }) {
  return <StatusBadge tone={STATE_BADGE[state].tone}>{STATE_BADGE[state].word}</StatusBadge>;
}
