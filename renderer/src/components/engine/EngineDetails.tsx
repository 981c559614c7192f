import type { EngineInfo, ResolvedEndpoint } from '../../../../shared/contract';
import { Facts } from '../Facts';
import { formatBytes } from '../../../../shared/text/bytes';
import { yesNo } from '../format';
import { Panel } from '../Panel';
import { endpointSourceLabel } from './endpoint-labels';
import { GpuPanel } from './GpuPanel';

interface EngineDetailsProps {
  endpoint: ResolvedEndpoint;
  info: EngineInfo;
}

/** Everything the engine says about itself, grouped the way a user looks for it. */
export function EngineDetails({ endpoint, info }: EngineDetailsProps) {
  return (
    <div className="panel-grid">
      <Panel title="Endpoint">
        <Facts
          facts={[
            { label: 'Address', value: endpoint.url, code: true },
            { label: 'Chosen by', value: endpointSourceLabel(endpoint) },
            { label: 'TLS', value: yesNo(endpoint.tls) },
          ]}
        />
      </Panel>
      <Panel title="Docker">
        <Facts
          facts={[
            { label: 'Server version', value: info.serverVersion, code: true, testId: 'engine-version' },
            { label: 'API version', value: info.apiVersion, code: true },
            { label: 'Storage driver', value: info.storageDriver },
            { label: 'Rootless', value: yesNo(info.rootless) },
          ]}
        />
      </Panel>
      <Panel title="Host">
        <Facts
          facts={[
            { label: 'Operating system', value: info.operatingSystem },
            { label: 'Platform', value: `${info.osType} / ${info.architecture}` },
            { label: 'Kernel', value: info.kernelVersion, code: true },
            { label: 'CPUs', value: String(info.cpus) },
            { label: 'Memory', value: formatBytes(info.memoryBytes) },
          ]}
        />
      </Panel>
      <GpuPanel gpu={info.gpu} />
    </div>
  );
}
