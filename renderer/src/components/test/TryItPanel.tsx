import type { TargetName } from '../../../../shared/project/schema';
import { invokesLikeLambda } from '../../../../shared/targets';
import type { TryItModel } from '../../hooks/use-try-it';
import { describeError } from '../describe-error';
import { ErrorAlert } from '../ErrorAlert';
import { Panel } from '../Panel';
import { InvocationResult } from './InvocationResult';
import { jsonProblem, type JsonProblem } from './json-problem';
import { PayloadEditor } from './PayloadEditor';
import { SaveAsForm } from './SaveAsForm';

interface TryItPanelProps {
  tryIt: TryItModel;
  /** Whether the variant is up and taking requests. */
  live: boolean;
  variant: TargetName;
}

const EMPTY: JsonProblem = { line: 1, column: 1, what: 'the body is empty' };

/** Send one request to the running variant and read its answer; keep a request under a name for later. */
export function TryItPanel({ tryIt, live, variant }: TryItPanelProps) {
  const { busy, failure, answer, payloads } = tryIt;
  // Text that is not JSON is never sent: no target takes it, and the editor says where it fails.
  const problem = jsonProblem(tryIt.text) ?? (tryIt.text.trim() ? null : EMPTY);
  const send = () => live && !busy && !problem && void tryIt.send();

  return (
    <Panel title="Try it" className="try-it">
      {payloads.error !== undefined && <ErrorAlert error={describeError(payloads.error)} title="Could not list the payloads" />}
      <div className="try-grid">
        <div className="try-request">
          <PayloadEditor tryIt={tryIt} />
          <div className="form-actions try-actions">
            <button type="button" className="button button-primary" data-testid="test-send" disabled={!live || problem !== null} aria-busy={busy === 'send'}
              aria-disabled={busy !== null} onClick={send}>
              {busy === 'send' ? 'Sending…' : 'Send'}
            </button>
            <SaveAsForm busy={busy === 'save'} savedAs={tryIt.savedAs} onSave={tryIt.save} />
          </div>
          {!live && <p className="field-hint">Start the target to send it requests.</p>}
          {live && problem === EMPTY && <p className="field-hint">Type a JSON request body (at least {'{}'}) to send it.</p>}
          {failure && <ErrorAlert error={failure.error} title={failure.action === 'send' ? 'Not sent' : 'Not saved'} testId="test-try-error" />}
        </div>
        <section className="try-response" data-testid="test-response" aria-label="Response" aria-live="polite" aria-busy={busy === 'send'}>
          <h3 className="subheading">Response</h3>
          {answer ? (
            <InvocationResult answer={answer} lambda={invokesLikeLambda(variant)} />
          ) : (
            <p className="muted">{busy === 'send' ? 'Waiting for the answer…' : 'Nothing sent yet.'}</p>
          )}
        </section>
      </div>
    </Panel>
  );
}
