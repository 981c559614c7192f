import Dockerode from 'dockerode';
import type { EngineEndpoint, EngineInfo, EngineStatus } from '../../../shared/contract';
import { engineError, markEngineErrors } from './engine-errors';
import { resolveEndpoint, type EndpointChoice } from './endpoint';
import { describeGpuSupport, readHostDriverVersion, type GpuInfoFields } from './gpu';

export interface EngineServiceOptions {
  /** The endpoint from settings, read on every use so a change applies without a restart. */
  endpointSetting: () => EngineEndpoint;
  env?: NodeJS.ProcessEnv;
  homeDir?: string;
  hostDriverVersion?: () => Promise<string | null>;
  /** How long a status probe waits for the engine. */
  timeoutMs?: number;
}

/**
 * The Docker engine as Skylift sees it. Every call resolves the endpoint afresh and holds no
 * connection, so the engine can go away and come back without Skylift being restarted.
 */
export class EngineService {
  constructor(private readonly options: EngineServiceOptions) {}

  /** A client for the configured engine, for work that needs one (build, run); a timeout for quick housekeeping calls. */
  connect(options: { timeoutMs?: number } = {}): { docker: Dockerode; choice: EndpointChoice } {
    const choice = this.resolve(this.options.endpointSetting());
    const docker = new Dockerode({ ...choice.options, ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}) });
    // Its failures then read as the Engine page's (engine down, its own 5xx message), in jobs too.
    return { docker: markEngineErrors(docker, choice.endpoint), choice };
  }

  status(): Promise<EngineStatus> {
    return this.probe(this.options.endpointSetting());
  }

  /** Checks an endpoint the user is typing in Settings, without saving it. */
  test(endpoint: EngineEndpoint): Promise<EngineStatus> {
    return this.probe(endpoint);
  }

  private resolve(setting: EngineEndpoint): EndpointChoice {
    return resolveEndpoint(setting, this.options.env ?? process.env, this.options.homeDir);
  }

  private async probe(setting: EngineEndpoint, again = true): Promise<EngineStatus> {
    const checkedAt = new Date().toISOString();
    let choice: EndpointChoice | null = null;
    try {
      choice = this.resolve(setting);
      const docker = new Dockerode({ ...choice.options, timeout: this.options.timeoutMs ?? 5000 });
      const info = await this.describe(docker, choice.local);
      return { reachable: true, endpoint: choice.endpoint, info, checkedAt };
    } catch (error) {
      // A kept-alive socket to an engine that went away and came back answers ECONNRESET once:
      // these are idempotent reads, so ask again on a fresh connection before saying unreachable.
      if (again && (error as NodeJS.ErrnoException).code === 'ECONNRESET') return this.probe(setting, false);
      return { reachable: false, endpoint: choice?.endpoint ?? null, error: engineError(error, choice?.endpoint ?? null), checkedAt };
    }
  }

  private async describe(docker: Dockerode, local: boolean): Promise<EngineInfo> {
    const [version, info] = await Promise.all([docker.version(), docker.info() as Promise<DockerInfo>]);
    const driver = local ? await (this.options.hostDriverVersion ?? readHostDriverVersion)() : null;
    return {
      serverVersion: version.Version,
      apiVersion: version.ApiVersion,
      operatingSystem: info.OperatingSystem ?? 'unknown',
      osType: info.OSType ?? version.Os,
      architecture: info.Architecture ?? version.Arch,
      kernelVersion: info.KernelVersion ?? version.KernelVersion ?? 'unknown',
      cpus: info.NCPU ?? 0,
      memoryBytes: info.MemTotal ?? 0,
      storageDriver: info.Driver ?? 'unknown',
      rootless: (info.SecurityOptions ?? []).some((o) => o.includes('rootless')),
      gpu: describeGpuSupport(info, driver),
    };
  }
}

interface DockerInfo extends GpuInfoFields {
  OperatingSystem?: string;
  OSType?: string;
  Architecture?: string;
  KernelVersion?: string;
  NCPU?: number;
  MemTotal?: number;
  Driver?: string;
  SecurityOptions?: string[];
}
