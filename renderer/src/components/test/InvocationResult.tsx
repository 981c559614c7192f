import type { Invocation } from '../../hooks/use-try-it';
import { Facts, type Fact } from '../Facts';
import { formatMs } from '../runs/run-format';
import { StatusBadge } from '../StatusBadge';
import { readableBody, reportFigures } from './invocation-format';
import { ReportFigures } from './ReportFigures';

/** One answer: its status, how long it took end to end and in the model, the body read for a person; for Lambda also the REPORT's figures. */
export function InvocationResult({ answer, lambda }: { answer: Invocation; lambda: boolean }) {
  // Lambda's status is the Invoke API's (200, or how the function failed), not the function's own.
  const status = typeof answer.status === 'number' && !lambda ? `HTTP ${answer.status}` : String(answer.status);
  const facts: Fact[] = [
    { label: 'Status', value: <StatusBadge tone={answer.ok ? 'ok' : 'bad'}>{status}</StatusBadge>, testId: 'test-response-status' },
    { label: 'Latency', value: formatMs(answer.latencyMs), testId: 'test-response-latency' },
    { label: lambda ? 'Handler time' : 'Model time', value: answer.serverDurationMs === null ? 'not reported' : formatMs(answer.serverDurationMs) },
  ];
  if (answer.functionError) facts.push({ label: 'Function error', value: answer.functionError, code: true });
  const body = answer.body ? readableBody(answer.body) : null;

  return (
    <div className="invocation">
      <Facts facts={facts} />
      {answer.platformReport ? (
        <ReportFigures figures={reportFigures(answer.serverDurationMs, answer.platformReport)} />
      ) : (
        answer.report && (
          <details className="invocation-raw-report">
            <summary>Lambda report (could not be read as figures)</summary>
            <pre className="code-block code-wrap">{answer.report}</pre>
          </details>
        )
      )}
      <h4 className="subheading">{body?.kind === 'error' ? 'Error' : 'Body'}</h4>
      {body?.kind === 'error' ? (
        <>
          <div className="alert alert-error invocation-error" data-testid="test-response-error">
            <p className="alert-title">{body.heading}</p>
            {body.trace && <pre className="alert-pre">{body.trace}</pre>}
          </div>
          <details>
            <summary>Raw body</summary>
            <pre className="code-block code-wrap" data-testid="test-response-body" aria-label="Response body">
              {answer.body}
            </pre>
          </details>
        </>
      ) : (
        <pre className="code-block code-wrap" data-testid="test-response-body" tabIndex={0} aria-label="Response body">
          {body === null ? '(empty)' : body.text}
        </pre>
      )}
    </div>
  );
}
