import type { TestOutcome } from '../../../../shared/contract';
import type { ProfileTestState } from '../../hooks/use-profiles-test';
import { ErrorAlert } from '../ErrorAlert';
import { Facts } from '../Facts';
import { formatWhen } from './profile-labels';

/** The outcome of a test just run, in full. Always rendered, so the region is announced when it fills. */
export function TestResult({ state }: { state: ProfileTestState | undefined }) {
  return (
    <div className="form-result" aria-live="polite" data-testid="profile-test-result">
      {state?.error && <ErrorAlert error={state.error} title="Could not test the connection" />}
      {state?.outcome && <TestOutcomeView outcome={state.outcome} />}
    </div>
  );
}

function TestOutcomeView({ outcome }: { outcome: TestOutcome }) {
  if (!outcome.ok) {
    return (
      <ErrorAlert error={{ message: outcome.message, hint: outcome.hint }} title="Connection failed">
        <p className="alert-detail muted">
          <code>{outcome.code}</code> · {formatWhen(outcome.at)}
        </p>
      </ErrorAlert>
    );
  }
  return (
    <div className="alert alert-ok" role="status">
      <p className="alert-title">Connection works.</p>
      {outcome.aws && (
        <Facts
          facts={[
            { label: 'Account', value: outcome.aws.account, code: true, testId: 'profile-test-account' },
            { label: 'ARN', value: outcome.aws.arn, code: true },
            { label: 'Credentials from', value: outcome.credentialSource },
          ]}
        />
      )}
      {outcome.azure && (
        <>
          <Facts
            facts={[
              { label: 'Tenant', value: outcome.azure.tenantId, code: true },
              { label: 'Credentials from', value: outcome.credentialSource },
            ]}
          />
          <SubscriptionList subscriptions={outcome.azure.subscriptions} />
        </>
      )}
      <p className="alert-detail muted">Tested {formatWhen(outcome.at)}</p>
    </div>
  );
}

type Subscription = NonNullable<Extract<TestOutcome, { ok: true }>['azure']>['subscriptions'][number];

function SubscriptionList({ subscriptions }: { subscriptions: Subscription[] }) {
  if (subscriptions.length === 0) return <p>Signed in, but this identity sees no subscriptions.</p>;
  return (
    <table className="data-table subscription-table">
      <caption className="table-caption">
        {subscriptions.length === 1 ? '1 subscription' : `${subscriptions.length} subscriptions`}
      </caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">ID</th>
          <th scope="col">State</th>
        </tr>
      </thead>
      <tbody>
        {subscriptions.map((s) => (
          <tr key={s.id}>
            <td>{s.name}</td>
            <td className="mono">{s.id}</td>
            <td>{s.state}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
