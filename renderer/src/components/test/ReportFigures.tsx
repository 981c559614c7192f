import type { Figure } from './invocation-format';

/** Lambda's REPORT for one invocation as labelled figures, each with what it means on hover. */
export function ReportFigures({ figures }: { figures: Figure[] }) {
  if (figures.length === 0) return null;
  return (
    <>
      <h4 className="subheading">Lambda report</h4>
      <dl className="facts report-figures" data-testid="test-response-report">
        {figures.map((figure) => (
          <div className="fact" key={figure.label} title={figure.meaning}>
            <dt>{figure.label}</dt>
            <dd data-testid={`test-report-${figure.label.toLowerCase().replace(/ /g, '-')}`}>{figure.value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
