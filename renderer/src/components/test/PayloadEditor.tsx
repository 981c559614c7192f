import { useId } from 'react';
import type { TryItModel } from '../../hooks/use-try-it';
import { describeJsonProblem, jsonProblem } from './json-problem';

/** Pick a sample or saved payload, then edit the request body as JSON; where it stops being JSON is said under it. */
export function PayloadEditor({ tryIt }: { tryIt: TryItModel }) {
  const id = useId();
  const { list, text, chosen } = tryIt;
  const problem = jsonProblem(text);
  const edited = list.find((p) => p.name === chosen)?.body !== text;

  return (
    <div className="deploy-form">
      <div className="field">
        <label className="field-label" htmlFor={`${id}-pick`}>
          Payload
        </label>
        <select id={`${id}-pick`} className="input select" data-testid="test-payload-select" value={list.some((p) => p.name === chosen) ? chosen : ''}
          onChange={(event) => tryIt.choose(event.target.value)}>
          <option value="" disabled>
            {list.length === 0 ? 'No saved or sample payloads' : 'Choose a payload…'}
          </option>
          {list.map((payload) => (
            <option key={`${payload.source}:${payload.name}`} value={payload.name}>
              {payload.name} ({payload.source === 'project' ? 'sample' : 'saved'})
            </option>
          ))}
        </select>
        <p className="field-hint">Samples come from the project's sample-payloads/ folder.{edited && chosen ? ' The text below has been edited.' : ''}</p>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-body`}>
          Request body (JSON)
        </label>
        <textarea id={`${id}-body`} className="input code-editor payload-editor" data-testid="test-payload" value={text} rows={10} spellCheck={false}
          autoCapitalize="off" autoComplete="off" aria-invalid={problem ? true : undefined} aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(event) => tryIt.edit(event.target.value)} />
        {problem && (
          <p className="field-error" id={`${id}-problem`} data-testid="test-payload-problem">
            {describeJsonProblem(problem)} Fix it to send the request.
          </p>
        )}
      </div>
    </div>
  );
}
