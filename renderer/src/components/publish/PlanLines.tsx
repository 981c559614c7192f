import type { PlanLine } from '../../../../shared/contract';
import { ACTION_MARK, planLineChange, planLineText } from './publish-format';

/** A plan's lines as `terraform plan` shows them: action, what, before → after, and why. */
export function PlanLines({ lines, testId, label }: { lines: readonly PlanLine[]; testId: string; label: string }) {
  if (lines.length === 0) return <p className="muted" data-testid={testId}>Nothing to change.</p>;
  return (
    <div className="table-scroll">
      <table className="data-table plan-lines" data-testid={testId}>
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">What</th>
            <th scope="col">Before → after</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line, index) => (
            <tr key={index} className={`plan-line plan-${line.action}`} data-testid="plan-line" aria-label={planLineText(line)}>
              <td className="nowrap">
                <span className="plan-mark" aria-hidden="true">{ACTION_MARK[line.action]}</span> {line.action}
              </td>
              <td>{line.subject}</td>
              <td className="mono">{planLineChange(line)}</td>
              <td className="cell-note-inline">{line.detail ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
