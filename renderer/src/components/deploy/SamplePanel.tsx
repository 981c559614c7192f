import { useState } from 'react';
import { skylift } from '../../api/client';
import { useAsync } from '../../hooks/use-async';
import { describeError } from '../describe-error';
import { ErrorAlert } from '../ErrorAlert';
import { Panel } from '../Panel';
import { TextField } from '../TextField';
import { SelectField } from './SelectField';

interface SamplePanelProps {
  busy: boolean;
  onCreate: (sample: string, dir: string) => void;
}

/** Start from a sample: copy it into a new (empty) folder, which is then opened. */
export function SamplePanel({ busy, onCreate }: SamplePanelProps) {
  const samples = useAsync(() => skylift.api.samples.list({}));
  const [chosen, setChosen] = useState('');
  const [dir, setDir] = useState('');
  const list = samples.data ?? [];
  const sample = list.find((s) => s.name === chosen) ?? list[0];
  const create = () => !busy && sample && dir.trim() && onCreate(sample.name, dir);

  return (
    <Panel title="New from a sample">
      {samples.error !== undefined && <ErrorAlert error={describeError(samples.error)} title="Could not list the samples" />}
      {!samples.data && samples.error === undefined && <p className="muted">Loading samples…</p>}
      {sample && (
        <div className="deploy-form">
          <SelectField label="Sample" value={sample.name} onChange={setChosen} testId="sample-select" hint={sample.description}
            options={list.map((s) => ({ value: s.name, label: s.title }))} />
          <TextField label="New project folder" value={dir} onChange={setDir} testId="sample-dir" placeholder="/home/me/models/iris"
            hint="Created if it does not exist; it must be empty." onEnter={create} />
          <div className="form-actions">
            <button type="button" className="button" data-testid="sample-create" aria-busy={busy} aria-disabled={busy || !dir.trim()}
              onClick={create}>
              {busy ? 'Creating…' : 'Create'}
            </button>
          </div>
        </div>
      )}
    </Panel>
  );
}
