import type { BenchRun } from '../../../../shared/contract';
import { StatusBadge } from '../StatusBadge';

const STATE_BADGE: Record<BenchRun['state'], { tone: 'ok' | 'bad' | 'neutral'; word: string }> = {
  running: { tone: 'neutral', word: 'Running' },
  complete: { tone: 'ok', word: 'Complete' },
  failed: { tone: 'bad', word: 'Failed' },
  cancelled: { tone: 'neutral', word: 'Cancelled' },
  interrupted: { tone: 'bad', word: 'Interrupted' },
};

/** The run's state, and "partial" when its numbers cover only the requests measured before it stopped. */
export function RunStateBadge({ run }: { run: Pick<BenchRun, 'state' | 'summary'> }) {
  const { tone, word } = STATE_BADGE[run.state];
  return <StatusBadge tone={tone}>{run.summary?.partial ? `${word} · partial` : word}</StatusBadge>;
}
