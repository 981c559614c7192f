import { useState } from 'react';
import { skylift } from '../../api/client';
import { describeError, type ErrorDescription } from '../describe-error';
import { ErrorAlert } from '../ErrorAlert';
import { TextField } from '../TextField';

/** How many Lambda execution environments (containers) a local bench may start at once. */
export function LocalTestSettingsForm({ initial }: { initial: number }) {
  const [value, setValue] = useState(String(initial));
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<ErrorDescription | null>(null);

  const save = async () => {
    setSaved(false);
    setError(null);
    try {
      const next = await skylift.api.settings.update({ lambdaMaxEnvironments: Number(value) });
      setValue(String(next.lambdaMaxEnvironments));
      setSaved(true);
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  return (
    <div className="deploy-form">
      <TextField label="Lambda environments for a bench" value={value} onChange={setValue} numeric short testId="settings-lambda-environments"
        hint="Lambda handles one request per execution environment, so a bench at concurrency C starts C containers, at most this many." onEnter={() => void save()} />
      <div className="form-actions">
        <button type="button" className="button" data-testid="settings-local-save" onClick={() => void save()}>
          Save
        </button>
        {saved && <span role="status">Saved.</span>}
      </div>
      {error && <ErrorAlert error={error} title="Not saved" />}
    </div>
  );
}
