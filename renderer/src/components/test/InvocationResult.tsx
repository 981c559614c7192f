import type { Invocation } from '../../hooks/use-try-it';
import { Facts, type Fact } from '../Facts';
import { formatMs } from '../runs/run-format';
import { StatusBadge } from '../StatusBadge';
import { prettyJson } from './pretty-json';

/** One answer: its status, how long it took end to end and in the model, the body; for Lambda also the REPORT line. */
export function InvocationResult({ answer, lambda }: { answer: Invocation; lambda: boolean }) {
  // Lambda's status is the Invoke API's (200, or how the function failed), not the function's own.
  const status = typeof answer.status === 'number' && !lambda ? `HTTP ${answer.status}` : String(answer.status);
  const facts: Fact[] = [
    { label: 'Status', value: <StatusBadge tone={answer.ok ? 'ok' : 'bad'}>{status}</StatusBadge>, testId: 'test-response-status' },
    { label: 'Latency', value: formatMs(answer.latencyMs), testId: 'test-response-latency' },
    { label: 'Model time', value: answer.serverDurationMs === null ? 'not reported' : formatMs(answer.serverDurationMs) },
  ];
  if (answer.functionError) facts.push({ label: 'Function error', value: answer.functionError, code: true });

  return (
    <div className="invocation">
      <Facts facts={facts} />
      {answer.report && (
        <>
          <h4 className="subheading">Lambda report</h4>
          <pre className="code-block code-wrap" data-testid="test-response-report">
            {answer.report}
          </pre>
        </>
      )}
      <h4 className="subheading">Body</h4>
      <pre className="code-block code-wrap" data-testid="test-response-body" tabIndex={0} aria-label="Response body">
        {answer.body ? prettyJson(answer.body) : '(empty)'}
      </pre>
    </div>
  );
}
