import type { TargetPreflight } from '../../../../shared/contract';
import { CheckBadge } from './CheckBadge';

/** The target's limits checked against the built image, each with its verdict and the numbers behind it. */
export function PreflightChecks({ preflight }: { preflight: TargetPreflight }) {
  if (preflight.checks.length === 0) return <p className="muted">No checks for this target.</p>;
  return (
    <ul className="check-list" data-testid={`preflight-${preflight.target}`}>
      {preflight.checks.map((check) => (
        <li key={check.name} className="check" data-status={check.status}>
          <CheckBadge status={check.status} />
          <div>
            <p className="check-name">{check.name}</p>
            <p className="check-detail">{check.detail}</p>
          </div>
        </li>
      ))}
    </ul>
  );
}
