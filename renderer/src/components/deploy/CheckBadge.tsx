import type { TargetPreflight } from '../../../../shared/contract';

type CheckStatus = TargetPreflight['checks'][number]['status'];

const WORD: Record<CheckStatus, string> = { pass: 'Pass', warn: 'Warn', fail: 'Fail' };
const TONE: Record<CheckStatus, string> = { pass: 'badge-ok', warn: 'badge-warn', fail: 'badge-bad' };

/** A preflight verdict as a word with a coloured dot; the word carries the meaning. */
export function CheckBadge({ status }: { status: CheckStatus }) {
  return (
    <span className={`badge ${TONE[status]}`}>
      <span className="badge-dot" aria-hidden="true" />
      {WORD[status]}
    </span>
  );
}
