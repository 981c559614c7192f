import type { GpuSupport } from '../../../../shared/contract';
import { Facts } from '../Facts';
import { Panel } from '../Panel';
import { RichText } from '../RichText';
import { StatusBadge } from '../StatusBadge';

function NameList({ names }: { names: string[] }) {
  if (names.length === 0) return <span className="muted">None</span>;
  return (
    <ul className="chip-list">
      {names.map((name) => (
        <li key={name} className="chip mono">
          {name}
        </li>
      ))}
    </ul>
  );
}

export function GpuPanel({ gpu }: { gpu: GpuSupport }) {
  return (
    <Panel title="GPU" className="panel-wide">
      <p className="gpu-summary">
        <StatusBadge tone={gpu.usable ? 'ok' : 'neutral'}>{gpu.usable ? 'Usable' : 'Not usable'}</StatusBadge>
        <span>
          <RichText text={gpu.summary} />
        </span>
      </p>
      <Facts
        facts={[
          { label: 'NVIDIA runtimes', value: <NameList names={gpu.nvidiaRuntimes} /> },
          { label: 'CDI devices', value: <NameList names={gpu.cdiDevices} /> },
          {
            label: 'Host driver',
            value: gpu.hostDriverVersion ?? <span className="muted">Not found</span>,
            code: gpu.hostDriverVersion !== null,
          },
        ]}
      />
    </Panel>
  );
}
