import type { DeploymentSummary } from '../../../../shared/contract';
import { TARGET_INFO } from '../../../../shared/targets';
import { SelectField } from '../deploy/SelectField';
import { NoDeployments } from './NoDeployments';

interface DeploymentChoiceProps {
  deployments: readonly DeploymentSummary[];
  chosen: string;
  onChange: (name: string) => void;
  projectName: string;
}

/** Which `deployments:` entry to publish to, with where it is (profile, region, function, alias). */
export function DeploymentChoice({ deployments, chosen, onChange, projectName }: DeploymentChoiceProps) {
  if (deployments.length === 0) return <NoDeployments projectName={projectName} />;
  const current = deployments.find((d) => d.name === chosen) ?? deployments[0];
  return (
    <div className="publish-choice">
      <SelectField label="Deployment" value={current.name} testId="publish-deployment" onChange={onChange}
        options={deployments.map((d) => ({ value: d.name, label: `${d.name} · ${TARGET_INFO[d.target].label}` }))}
        hint={<>From skylift.yaml’s <code>deployments:</code>. Credentials come from the named profile (<a href="#/profiles">Profiles</a>).</>} />
      <p className="publish-where" data-testid="publish-where">
        Profile <code>{current.profile}</code> · region <code>{current.region}</code> · function <code>{current.functionName}</code> · alias <code>{current.alias}</code>
        {current.live ? <> · live: version <strong>{current.live.version}</strong></> : ' · not published yet'}
      </p>
    </div>
  );
}
