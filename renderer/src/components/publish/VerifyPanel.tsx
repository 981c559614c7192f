import { useState } from 'react';
import { skylift } from '../../api/client';
import { useAsync } from '../../hooks/use-async';
import { useDeployJob } from '../../hooks/use-deploy-job';
import { SelectField } from '../deploy/SelectField';
import { ErrorAlert } from '../ErrorAlert';
import { Panel } from '../Panel';
import { JobFailure } from '../test/JobFailure';
import { JobSteps } from './JobSteps';
import { RollbackButton } from './RollbackButton';
import { VerifyOutcome } from './VerifyOutcome';

const FIRST_SAMPLE = '';

/** Step three: invoke the alias with a payload and compare its answer with the local variant's; a failure offers a roll back. */
export function VerifyPanel({ dir, deployment }: { dir: string; deployment: string }) {
  const verify = useDeployJob('verify', `deploy.verify-job.${dir}.${deployment}`);
  const rollback = useDeployJob('rollback', `deploy.publish-rollback-job.${dir}.${deployment}`);
  const payloads = useAsync(() => skylift.api.payloads.list({ dir }));
  const [payload, setPayload] = useState(FIRST_SAMPLE);
  const { snapshot, job, result } = verify;
  const start = () =>
    !verify.active && !verify.busy && void verify.start(() => skylift.api.deploy.verify({ dir, deployment, ...(payload ? { payload } : {}) }));

  return (
    <Panel title="Verify" className="publish-verify">
      <div className="verify-form">
        <SelectField label="Payload" value={payload} testId="verify-payload" onChange={setPayload}
          options={[{ value: FIRST_SAMPLE, label: 'The first sample payload' }, ...(payloads.data ?? []).map((p) => ({ value: p.name, label: p.name }))]}
          hint="Sent to the alias and to the local variant; the answers are compared." />
        <div className="form-actions">
          <button type="button" className="button button-primary" data-testid="verify-start" disabled={verify.active} aria-busy={verify.active} onClick={start}>
            {verify.active ? 'Verifying…' : 'Verify'}
          </button>
        </div>
      </div>
      {verify.failure && <ErrorAlert error={verify.failure.error} title="Not verified" testId="verify-start-error" />}
      {snapshot && job && (
        <section aria-label="Latest verify">
          {verify.active && <JobSteps snapshot={snapshot} label="Verify progress" testId="verify-progress" />}
          <JobFailure job={job} title="Verify failed" testId="verify-error" />
          {result && <VerifyOutcome result={result} />}
          {((result && !result.ok && !result.rolledBackTo) || job.state === 'failed') && (
            <RollbackButton dir={dir} deployment={deployment} rollback={rollback} label="Roll back to the version before" />
          )}
        </section>
      )}
    </Panel>
  );
}
