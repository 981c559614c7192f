import { useState } from 'react';
import type { Settings } from '../../../../shared/contract';
import { skylift } from '../../api/client';
import { describeError, type ErrorDescription } from '../describe-error';
import { ErrorAlert } from '../ErrorAlert';
import { TextField } from '../TextField';

type LocalTestSettings = Pick<Settings, 'lambdaMaxEnvironments' | 'localStartupTimeoutSeconds'>;

/** Local test limits: Lambda environments a bench may start, and how long a local container may take to start. */
export function LocalTestSettingsForm({ initial }: { initial: LocalTestSettings }) {
  const [environments, setEnvironments] = useState(String(initial.lambdaMaxEnvironments));
  const [startup, setStartup] = useState(String(initial.localStartupTimeoutSeconds));
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<ErrorDescription | null>(null);

  const save = async () => {
    setSaved(false);
    setError(null);
    try {
      const next = await skylift.api.settings.update({ lambdaMaxEnvironments: Number(environments), localStartupTimeoutSeconds: Number(startup) });
      setEnvironments(String(next.lambdaMaxEnvironments));
      setStartup(String(next.localStartupTimeoutSeconds));
      setSaved(true);
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  return (
    <div className="deploy-form">
      <TextField label="Lambda environments for a bench" value={environments} onChange={setEnvironments} numeric short testId="settings-lambda-environments"
        hint="Lambda handles one request per execution environment, so a bench at concurrency C starts C containers, at most this many." onEnter={() => void save()} />
      <TextField label="Startup deadline (seconds)" value={startup} onChange={setStartup} numeric short testId="settings-startup-deadline"
        hint="How long a local or Azure Functions container may take to start and load the model before the run fails. Requests have their own deadline: timeoutSeconds in skylift.yaml." onEnter={() => void save()} />
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
