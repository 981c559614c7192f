import type { TestOutcome } from '../../../../shared/contract';
import { StatusBadge } from '../StatusBadge';
import { formatWhen } from './profile-labels';

/** The last recorded test, in one line: who answered, or why it failed. */
export function LastTestLine({ outcome }: { outcome: TestOutcome | null }) {
  if (!outcome) return <p className="last-test muted">Not tested yet.</p>;
  return (
    <p className="last-test" data-testid="profile-last-test">
      <StatusBadge tone={outcome.ok ? 'ok' : 'bad'}>{outcome.ok ? 'Last test passed' : 'Last test failed'}</StatusBadge>
      <span>
        {outcome.ok ? <Identity outcome={outcome} /> : <><code>{outcome.code}</code>: {outcome.message}</>}{' '}
        <span className="muted">({formatWhen(outcome.at)})</span>
      </span>
    </p>
  );
}

function Identity({ outcome }: { outcome: Extract<TestOutcome, { ok: true }> }) {
  if (outcome.aws) {
    return (
      <>
        Account <code>{outcome.aws.account}</code> as <code>{outcome.aws.arn}</code>
      </>
    );
  }
  const count = outcome.azure?.subscriptions.length ?? 0;
  return <>{count === 1 ? '1 subscription' : `${count} subscriptions`}</>;
}
