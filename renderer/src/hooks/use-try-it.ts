import { useEffect, useState } from 'react';
import type { CallOutput } from '../../../shared/contract';
import { skylift } from '../api/client';
import { describeError, type ErrorDescription } from '../components/describe-error';
import { useAsync } from './use-async';
import { useSessionState } from './use-session-state';

export type Invocation = CallOutput<'run', 'invoke'>;
type TryAction = 'send' | 'save';

/**
 * Try it: the project's sample and saved payloads, the request being edited (kept for the tab's
 * life), sending it to the running variant and saving it under a name.
 */
export function useTryIt(dir: string, jobId: string | null) {
  const payloads = useAsync(() => skylift.api.payloads.list({ dir }));
  const [text, setText] = useSessionState(`deploy.try-payload.${dir}`, '');
  const [chosen, setChosen] = useSessionState(`deploy.try-chosen.${dir}`, '');
  const [answer, setAnswer] = useState<Invocation | null>(null);
  const [busy, setBusy] = useState<TryAction | null>(null);
  const [failure, setFailure] = useState<{ action: TryAction; error: ErrorDescription } | null>(null);
  const [savedAs, setSavedAs] = useState<string | null>(null);
  const list = payloads.data ?? [];

  // The first time, start from the project's first sample payload.
  useEffect(() => {
    if (text === '' && chosen === '' && list.length > 0) choose(list[0].name);
  }, [list.length]);

  function choose(name: string) {
    const payload = list.find((p) => p.name === name);
    setChosen(name);
    if (payload) setText(payload.body);
  }

  const edit = (next: string) => {
    setText(next);
    setSavedAs(null);
  };

  /** Resolves to whether the action succeeded; a failure is kept to be shown. */
  async function act(action: TryAction, body: () => Promise<void>): Promise<boolean> {
    if (busy) return false;
    setBusy(action);
    setFailure(null);
    try {
      await body();
      return true;
    } catch (error) {
      setFailure({ action, error: describeError(error) });
      return false;
    } finally {
      setBusy(null);
    }
  }

  const send = () =>
    act('send', async () => {
      if (!jobId) return;
      setAnswer(null);
      setAnswer(await skylift.api.run.invoke({ jobId, payload: text }));
    });

  const save = (name: string) =>
    act('save', async () => {
      const saved = await skylift.api.payloads.save({ dir, name: name.trim(), body: text });
      setChosen(saved.name);
      setSavedAs(saved.name);
      payloads.reload();
    });

  return { payloads, list, text, chosen, choose, edit, answer, busy, failure, savedAs, send, save };
}

export type TryItModel = ReturnType<typeof useTryIt>;
