import type { FormEvent } from 'react';
import type { EngineEndpoint } from '../../../../shared/contract';
import { useEngineForm } from '../../hooks/use-engine-form';
import { EndpointFields } from './EndpointFields';
import { EngineFormResult } from './EngineFormResult';
import { EngineKindChoice } from './EngineKindChoice';

/** Choose the Docker engine, try it, and save it; Enter in a field saves. */
export function EngineSettingsForm({ initial }: { initial: EngineEndpoint }) {
  const form = useEngineForm(initial);
  const { draft, busy } = form;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.save();
  };

  return (
    <form className="engine-form" onSubmit={submit} noValidate>
      <EngineKindChoice value={draft.kind} onChange={(kind) => form.change({ kind })} />
      <EndpointFields draft={draft} errors={form.fieldErrors} onChange={form.change} />
      <div className="form-actions">
        <button type="button" className="button" data-testid="settings-test" aria-busy={busy === 'test'}
          aria-disabled={busy !== null} onClick={() => void form.test()}>
          {busy === 'test' ? 'Testing…' : 'Test connection'}
        </button>
        <button type="submit" className="button button-primary" data-testid="settings-save" aria-busy={busy === 'save'}
          aria-disabled={busy !== null}>
          {busy === 'save' ? 'Saving…' : 'Save'}
        </button>
        {form.unsaved && <span className="muted">Unsaved changes</span>}
      </div>
      <EngineFormResult outcome={form.outcome} />
    </form>
  );
}
