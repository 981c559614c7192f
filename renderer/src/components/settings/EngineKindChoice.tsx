import { useId } from 'react';
import type { EngineKind } from './endpoint-draft';

const KINDS: Array<{ kind: EngineKind; label: string; description: string }> = [
  { kind: 'auto', label: 'Automatic', description: 'DOCKER_HOST, then the current Docker context, then /var/run/docker.sock.' },
  { kind: 'socket', label: 'Unix socket', description: 'A socket file on this machine, e.g. rootless Docker or Podman.' },
  { kind: 'tcp', label: 'TCP', description: 'An engine listening on a TCP port, with or without TLS.' },
  { kind: 'ssh', label: 'SSH', description: 'An engine on another machine, reached over SSH.' },
];

interface EngineKindChoiceProps {
  value: EngineKind;
  onChange: (kind: EngineKind) => void;
}

/** Native radio buttons, so arrow keys move between choices as users expect. */
export function EngineKindChoice({ value, onChange }: EngineKindChoiceProps) {
  const name = useId();
  return (
    <fieldset className="kind-choice" data-testid="settings-engine-kind">
      <legend className="field-label">Connect to</legend>
      <div className="kind-options">
        {KINDS.map(({ kind, label, description }) => (
          <div className="kind-option" key={kind}>
            <input
              type="radio"
              id={`${name}-${kind}`}
              name={name}
              value={kind}
              checked={value === kind}
              aria-describedby={`${name}-${kind}-description`}
              onChange={() => onChange(kind)}
            />
            <label htmlFor={`${name}-${kind}`}>{label}</label>
            <p className="field-hint" id={`${name}-${kind}-description`}>
              {description}
            </p>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
