import type { VerifyResult } from '../../../../shared/contract';
import { CheckBadge } from '../deploy/CheckBadge';
import { Facts } from '../Facts';
import { formatMs } from '../runs/run-format';
import { prettyJson } from '../test/pretty-json';

/** What verify found: each check, the cloud's answer beside the local variant's, and Lambda's REPORT figures. */
export function VerifyOutcome({ result }: { result: VerifyResult }) {
  const { report } = result;
  return (
    <div className="verify-outcome" data-testid="verify-result">
      <p className={`alert ${result.ok ? 'alert-ok' : 'alert-error'}`} role="status">
        <CheckBadge status={result.ok ? 'pass' : 'fail'} /> Version {result.version} of <code>{result.deployment}</code>{' '}
        {result.ok ? 'answers as the local variant does.' : 'did not pass.'}
        {result.rolledBackTo && <> The alias was moved back to version {result.rolledBackTo}.</>}
      </p>
      <ul className="check-list" data-testid="verify-checks">
        {result.checks.map((check) => (
          <li className="check" key={check.name}>
            <CheckBadge status={check.status} />
            <span className="check-name">{check.name}</span>
            <span className="check-detail">{check.detail}</span>
          </li>
        ))}
      </ul>
      <div className="verify-answers">
        <section aria-label="Answer from the cloud">
          <h4 className="subheading">Cloud</h4>
          <pre className="code-block" data-testid="verify-cloud-body">{prettyJson(result.cloudBody)}</pre>
        </section>
        <section aria-label="Answer from the local variant">
          <h4 className="subheading">Local</h4>
          <pre className="code-block" data-testid="verify-local-body">{result.localBody === null ? 'No local answer (the variant was not run).' : prettyJson(result.localBody)}</pre>
        </section>
      </div>
      {report && (
        <Facts
          facts={[
            { label: 'Init duration (cold start)', value: report.initDurationMs === null ? 'none: a warm environment answered' : formatMs(report.initDurationMs), testId: 'verify-init' },
            { label: 'Billed duration', value: formatMs(report.billedDurationMs), testId: 'verify-billed' },
            { label: 'Max memory used', value: report.maxMemoryUsedMb === null ? '–' : `${report.maxMemoryUsedMb} MB`, testId: 'verify-memory' },
          ]}
        />
      )}
    </div>
  );
}
