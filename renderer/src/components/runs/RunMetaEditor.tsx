import './runs.css';
import { useId, useState, type FormEvent } from 'react';
import { RUN_NAME_MAX, RUN_NOTE_MAX, runUpdateSchema, type BenchRun } from '../../../../shared/contract';
import { skylift } from '../../api/client';
import { describeError, type ErrorDescription } from '../describe-error';
import { ErrorAlert } from '../ErrorAlert';

/** "baseline, gpu:a10  fp16" → ["baseline", "gpu:a10", "fp16"]: commas or spaces part tags. */
export const splitTags = (text: string): string[] => text.split(/[\s,]+/).filter(Boolean);

/** A run's name, note and tags, saved with runs.update; what the schema refuses is said before anything is sent. */
export function RunMetaEditor({ run, onSaved }: { run: BenchRun; onSaved: (run: BenchRun) => void }) {
  const id = useId();
  const [name, setName] = useState(run.name ?? '');
  const [note, setNote] = useState(run.note ?? '');
  const [tags, setTags] = useState((run.tags ?? []).join(', '));
  const [error, setError] = useState<ErrorDescription>();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const parsed = runUpdateSchema.safeParse({ runId: run.id, name, note, tags: splitTags(tags) });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setError({ message: issue?.message ?? 'These details cannot be saved.', hint: 'Change the field and save again.' });
      return;
    }
    setSaving(true);
    try {
      const updated = await skylift.api.runs.update(parsed.data);
      setError(undefined);
      setSaved(true);
      onSaved(updated);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="run-meta-form" onSubmit={save} data-testid="run-meta-form" onChange={() => setSaved(false)}>
      <label className="field" htmlFor={`${id}-name`}>
        <span className="field-label">Name</span>
        <input id={`${id}-name`} className="input" data-testid="run-name" maxLength={RUN_NAME_MAX} value={name} placeholder="e.g. baseline before batching"
          onChange={(event) => setName(event.target.value)} />
      </label>
      <label className="field" htmlFor={`${id}-note`}>
        <span className="field-label">Note</span>
        <textarea id={`${id}-note`} className="input" data-testid="run-note" maxLength={RUN_NOTE_MAX} value={note} onChange={(event) => setNote(event.target.value)} />
      </label>
      <label className="field" htmlFor={`${id}-tags`}>
        <span className="field-label">Tags</span>
        <input id={`${id}-tags`} className="input" data-testid="run-tags" value={tags} placeholder="baseline, gpu:a10" aria-describedby={`${id}-tags-hint`}
          onChange={(event) => setTags(event.target.value)} />
        <span className="field-hint" id={`${id}-tags-hint`}>
          Separate tags with commas or spaces. The Runs list filters by tag.
        </span>
      </label>
      {error && <ErrorAlert error={error} title="Not saved" testId="run-meta-error" />}
      <div className="run-meta-actions">
        <button type="submit" className="button button-primary" data-testid="run-meta-save" disabled={saving} aria-busy={saving}>
          Save
        </button>
        <span className="field-hint" role="status" data-testid="run-meta-status">
          {saved ? 'Saved.' : ''}
        </span>
      </div>
    </form>
  );
}
