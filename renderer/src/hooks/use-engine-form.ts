import { useState } from 'react';
import { skylift } from '../api/client';
import type { EngineEndpoint, EngineStatus } from '../../../shared/contract';
import { describeError, type ErrorDescription } from '../components/describe-error';
import { draftFromEndpoint, endpointFromDraft, sameEndpoint, type EndpointDraft } from '../components/settings/endpoint-draft';
import { fieldErrorsFrom, type FieldErrors } from '../components/settings/field-errors';

export type EngineFormOutcome =
  | { type: 'tested'; status: EngineStatus }
  | { type: 'saved' }
  | { type: 'failed'; action: 'test' | 'save'; error: ErrorDescription };

/**
 * The engine section of Settings: a draft the user edits, "test" that tries it without saving,
 * and "save" that stores it. Editing clears the last outcome, which described the old values.
 */
export function useEngineForm(initial: EngineEndpoint) {
  const [saved, setSaved] = useState(initial);
  const [draft, setDraft] = useState(() => draftFromEndpoint(initial));
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [outcome, setOutcome] = useState<EngineFormOutcome | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  const change = (patch: Partial<EndpointDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setOutcome(null);
    setFieldErrors({});
  };

  const fail = (action: 'test' | 'save', error: unknown) => {
    setOutcome({ type: 'failed', action, error: describeError(error) });
    setFieldErrors(fieldErrorsFrom(error));
  };

  async function run(action: 'test' | 'save', body: (endpoint: EngineEndpoint) => Promise<EngineFormOutcome>) {
    if (busy) return;
    setBusy(action);
    setOutcome(null);
    setFieldErrors({});
    try {
      setOutcome(await body(endpointFromDraft(draft)));
    } catch (error) {
      fail(action, error);
    } finally {
      setBusy(null);
    }
  }

  const test = () => run('test', async (endpoint) => ({ type: 'tested', status: await skylift.api.engine.test({ endpoint }) }));

  const save = () =>
    run('save', async (endpoint) => {
      const settings = await skylift.api.settings.update({ engine: endpoint });
      setSaved(settings.engine);
      setDraft(draftFromEndpoint(settings.engine));
      return { type: 'saved' };
    });

  const unsaved = !sameEndpoint(endpointFromDraft(draft), saved);
  return { draft, change, busy, outcome, fieldErrors, unsaved, test, save };
}
