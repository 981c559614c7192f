import type { Job } from '../../../../shared/contract';
import { StatusBadge } from '../StatusBadge';

type Words = Partial<Record<Job['state'], string>>;

const TONE: Record<Job['state'], 'ok' | 'bad' | 'neutral'> = {
  queued: 'neutral',
  running: 'ok',
  succeeded: 'ok',
  failed: 'bad',
  cancelled: 'neutral',
  interrupted: 'bad',
};

const WORD: Record<Job['state'], string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

/** A job's state as a badge; `words` renames states where the job's kind has its own (a run is "Stopped", not "Cancelled"). */
export function JobStateBadge({ state, words }: { state: Job['state']; words?: Words }) {
  return <StatusBadge tone={TONE[state]}>{words?.[state] ?? WORD[state]}</StatusBadge>;
}
