import { execFile } from 'node:child_process';
import type { GpuSupport } from '../../../shared/contract';

/** The parts of `docker info` that say whether containers can be given an NVIDIA GPU. */
export interface GpuInfoFields {
  Runtimes?: Record<string, unknown>;
  /** Docker 28+: devices discovered through CDI, e.g. {Source: 'cdi', ID: 'nvidia.com/gpu=0'}. */
  DiscoveredDevices?: Array<{ Source?: string; ID?: string }>;
}

export const TOOLKIT_HINT =
  'Install the NVIDIA Container Toolkit and run `sudo nvidia-ctk runtime configure --runtime=docker`, then restart Docker.';

export function describeGpuSupport(info: GpuInfoFields, hostDriverVersion: string | null): GpuSupport {
  const nvidiaRuntimes = Object.keys(info.Runtimes ?? {}).filter((name) => name.toLowerCase().includes('nvidia'));
  const cdiDevices = (info.DiscoveredDevices ?? [])
    .filter((d) => d.Source === 'cdi' && typeof d.ID === 'string')
    .map((d) => d.ID as string);
  const nvidiaCdi = cdiDevices.filter((id) => id.startsWith('nvidia.com/'));
  const usable = nvidiaRuntimes.length > 0 || nvidiaCdi.length > 0;
  return { usable, nvidiaRuntimes, cdiDevices, hostDriverVersion, summary: summarise(usable, nvidiaRuntimes, nvidiaCdi, hostDriverVersion) };
}

function summarise(usable: boolean, runtimes: string[], cdi: string[], driver: string | null): string {
  const driverText = driver ? ` Host NVIDIA driver ${driver}.` : '';
  if (usable) {
    const via = runtimes.length > 0 ? `the ${runtimes.join(', ')} runtime` : `CDI devices (${cdi.join(', ')})`;
    return `GPUs can be given to containers through ${via}.${driverText}`;
  }
  if (driver) return `An NVIDIA driver (${driver}) is installed, but the engine has no NVIDIA runtime or CDI devices. ${TOOLKIT_HINT}`;
  return `No NVIDIA runtime or CDI GPU devices are registered with this engine; images run on CPU. ${TOOLKIT_HINT}`;
}

/** The local NVIDIA driver version from nvidia-smi, or null when there is no nvidia-smi or no GPU. */
export function readHostDriverVersion(timeoutMs = 3000): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('nvidia-smi', ['--query-gpu=driver_version', '--format=csv,noheader'], { timeout: timeoutMs }, (error, stdout) => {
      if (error) return resolve(null);
      const first = stdout.split('\n').map((l) => l.trim()).find(Boolean);
      resolve(first ?? null);
    });
  });
}
