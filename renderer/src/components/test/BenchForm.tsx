import { useState } from 'react';
import { capWarning, lambdaEnvironmentPlan } from '../../../../shared/bench/environments';
import type { BenchRequest } from '../../../../shared/contract';
import type { TargetName } from '../../../../shared/project/schema';
import { invokesLikeLambda } from '../../../../shared/targets';
import { skylift } from '../../api/client';
import { useAsync } from '../../hooks/use-async';
import { useSessionState } from '../../hooks/use-session-state';
import { CheckboxField } from '../CheckboxField';
import { TextField } from '../TextField';
import { DEFAULT_BENCH_DRAFT, draftLoad, readBenchDraft, type BenchDraft, type BenchField } from './bench-form';
import { LoadModeChoice } from './LoadModeChoice';

interface BenchFormProps {
  dir: string;
  variant: TargetName;
  /** Names of the project's sample and saved payloads. */
  payloadNames: readonly string[];
  active: boolean;
  busy: 'start' | 'stop' | null;
  onStart: (request: Omit<BenchRequest, 'dir'>) => void;
  onCancel: () => void;
  /** Benching a deployment in the cloud: its own draft, and no local environment cap. */
  deployment?: string;
}

/** How to load the variant: closed loop (N requests, C at a time) or open loop (R per second for D seconds), warm-up, cold starts, payloads. */
export function BenchForm({ dir, variant, payloadNames, active, busy, onStart, onCancel, deployment }: BenchFormProps) {
  const [draft, setDraft] = useSessionState<BenchDraft>(deployment ? `deploy.cloud-bench-draft.${dir}.${deployment}` : `deploy.bench-draft.${dir}`, DEFAULT_BENCH_DRAFT);
  const [tried, setTried] = useState(false);
  const settings = useAsync(() => skylift.api.settings.get({}));
  const read = readBenchDraft(draft, dir, variant);
  const cap = settings.data?.lambdaMaxEnvironments;
  const load = draftLoad(draft);
  // Said before the run starts: a Lambda bench above the Settings cap measures queueing behind fewer environments.
  const capNote = !deployment && invokesLikeLambda(variant) && cap !== undefined && load ? capWarning(lambdaEnvironmentPlan(load, cap)) : null;
  const errors = tried && !read.ok ? read.errors : {};
  const set = (patch: Partial<BenchDraft>) => setDraft({ ...draft, ...patch });
  const field = (name: BenchField, label: string, hint?: string) => (
    <TextField label={label} value={draft[name]} onChange={(value) => set({ [name]: value })} numeric error={errors[name]} hint={hint}
      testId={`bench-${name}`} onEnter={start} />
  );

  function start() {
    setTried(true);
    if (!active && !busy && read.ok) onStart(read.request);
  }
  const togglePayload = (name: string, on: boolean) =>
    set({ payloads: on ? [...draft.payloads, name] : draft.payloads.filter((p) => p !== name) });

  return (
    <form className="bench-form" data-testid="bench-form" aria-label="Bench settings" noValidate
      onSubmit={(event) => {
        event.preventDefault();
        start();
      }}>
      <LoadModeChoice value={draft.mode} onChange={(mode) => set({ mode })} />
      <div className="bench-fields">
        {draft.mode === 'closed' ? (
          <>
            {field('requests', 'Requests', 'Measured, after the warm-up.')}
            {field('concurrency', 'Concurrency', 'Requests in flight at once.')}
          </>
        ) : (
          <>
            {field('ratePerSec', 'Rate (per second)', 'Sent on schedule, answered or not.')}
            {field('durationSec', 'Duration (s)')}
          </>
        )}
        {field('warmup', 'Warm-up requests', 'Sent first, not measured.')}
        {field('coldStarts', 'Cold starts', 'Fresh container starts, timed to the first answer.')}
      </div>
      {capNote && (
        <p className="alert alert-warning bench-cap" role="status" data-testid="bench-cap-warning">
          {capNote} <a href="#/settings">Settings</a>
        </p>
      )}
      <fieldset className="bench-payloads">
        <legend className="field-label">Payloads</legend>
        {payloadNames.length === 0 && <p className="field-hint">This project has no payloads yet: add one in Try it with Save as….</p>}
        {payloadNames.map((name) => (
          <CheckboxField key={name} label={name} checked={draft.payloads.includes(name)} onChange={(on) => togglePayload(name, on)} />
        ))}
        {payloadNames.length > 0 && <p className="field-hint">None ticked: the first sample payload. Several: sent in turn.</p>}
      </fieldset>
      <div className="form-actions">
        {active ? (
          <button type="button" className="button" data-testid="bench-cancel" aria-busy={busy === 'stop'} aria-disabled={busy !== null} onClick={onCancel}>
            {busy === 'stop' ? 'Cancelling…' : 'Cancel bench'}
          </button>
        ) : (
          <button type="submit" className="button button-primary" data-testid="bench-start" aria-busy={busy === 'start'} aria-disabled={busy !== null}>
            {busy === 'start' ? 'Starting…' : 'Run bench'}
          </button>
        )}
        {tried && !read.ok && (
          <span className="field-error" role="alert">
            Check the fields marked above.
          </span>
        )}
      </div>
    </form>
  );
}
