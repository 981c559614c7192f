import type { ProjectConfig, TargetOverrides } from '../../../../shared/project/schema';
import { Facts } from '../Facts';
import { yesNo } from '../format';
import { VARIANT_LABEL } from './variant-labels';

interface ConfigSummaryProps {
  config: ProjectConfig | null;
  /** The config shown is from earlier text, because the current text has problems. */
  stale: boolean;
}

/** A read-only reading of the parsed config, so the user sees what Skylift understood. */
export function ConfigSummary({ config, stale }: ConfigSummaryProps) {
  if (!config) return <p className="muted">The summary appears once skylift.yaml is valid.</p>;
  const { framework } = config;
  const targets = Object.entries(config.targets) as Array<[keyof typeof VARIANT_LABEL, TargetOverrides | undefined]>;
  return (
    <div className={stale ? 'config-summary is-stale' : 'config-summary'} data-testid="project-summary">
      {stale && <p className="field-hint">As of the last valid text; fix the problems to update it.</p>}
      <Facts
        facts={[
          { label: 'Name', value: config.name, code: true },
          { label: 'Python', value: config.python },
          { label: 'Framework', value: framework.name === 'none' ? 'None' : `${framework.name} ${framework.version ?? ''}`.trim() },
          { label: 'Model', value: config.model, code: true },
          { label: 'Requirements', value: config.requirements ?? 'None', code: Boolean(config.requirements) },
          { label: 'System packages', value: config.systemPackages.join(', ') || 'None' },
          { label: 'Weights', value: <CodeList items={config.weights} /> },
          { label: 'GPU', value: yesNo(config.gpu) },
          { label: 'Targets', value: <TargetList targets={targets} /> },
        ]}
      />
    </div>
  );
}

function CodeList({ items }: { items: string[] }) {
  if (items.length === 0) return <>None</>;
  return (
    <ul className="plain-list">
      {items.map((item) => (
        <li key={item}>
          <code>{item}</code>
        </li>
      ))}
    </ul>
  );
}

function TargetList({ targets }: { targets: Array<[keyof typeof VARIANT_LABEL, TargetOverrides | undefined]> }) {
  return (
    <ul className="plain-list">
      {targets.map(([name, overrides]) => {
        const set = Object.entries(overrides ?? {});
        return (
          <li key={name}>
            <strong>{VARIANT_LABEL[name]}</strong>
            <span className="muted">
              {' — '}
              {set.length === 0 ? 'project defaults' : set.map(([key, value]) => `${key}: ${settingText(value)}`).join(', ')}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** A setting as one short phrase; a map (aws-lambda's environment) by its names, never its values. */
function settingText(value: unknown): string {
  if (value !== null && typeof value === 'object') return `{${Object.keys(value).join(', ')}}`;
  return String(value);
}
