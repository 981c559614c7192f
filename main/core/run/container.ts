import type Dockerode from 'dockerode';
import { settleWithin } from '../deadline';
import type { TargetName } from '../../../shared/project/schema';
import { ALL_GPUS, gpuUnavailable, isGpuDriverError } from './gpu-request';
import { RUN_LABEL } from './labels';
import { LineSplitter } from './line-splitter';

export const ADAPTER_PORT = 8080;

export interface VariantContainerSpec {
  image: string;
  variant: TargetName;
  project: string;
  jobId: string;
  instance: string;
  env: Record<string, string>;
  memoryBytes?: number;
  nanoCpus?: number;
  gpu: boolean;
  /** HTTP variants publish the adapter's port on a random loopback port; Lambda ones call out instead. */
  publishHttp: boolean;
  network?: string;
}

/** The create request for one variant container; pure, so a test can read what reaches the engine. */
export function containerCreateOptions(spec: VariantContainerSpec): Dockerode.ContainerCreateOptions {
  return {
    Image: spec.image,
    Env: Object.entries(spec.env).map(([k, v]) => `${k}=${v}`),
    Labels: {
      [RUN_LABEL.jobId]: spec.jobId,
      [RUN_LABEL.instance]: spec.instance,
      [RUN_LABEL.project]: spec.project,
      [RUN_LABEL.variant]: spec.variant,
      [RUN_LABEL.role]: 'run',
    },
    ...(spec.publishHttp ? { ExposedPorts: { [`${ADAPTER_PORT}/tcp`]: {} } } : {}),
    HostConfig: {
      ...(spec.publishHttp ? { PortBindings: { [`${ADAPTER_PORT}/tcp`]: [{ HostIp: '127.0.0.1', HostPort: '' }] } } : {}),
      ...(spec.memoryBytes ? { Memory: spec.memoryBytes, MemorySwap: spec.memoryBytes } : {}),
      ...(spec.nanoCpus ? { NanoCpus: spec.nanoCpus } : {}),
      ...(spec.gpu ? { DeviceRequests: ALL_GPUS } : {}),
      ...(spec.network ? { NetworkMode: spec.network } : {}),
      Init: true,
    },
  };
}

/** Starts a created container; an engine that cannot hand out a GPU gets the clear GPU error. */
export async function startContainer(container: Dockerode.Container, variant: string): Promise<void> {
  try {
    await container.start();
  } catch (error) {
    if (isGpuDriverError(error)) throw gpuUnavailable(variant, 'this Docker engine has no NVIDIA runtime to give it one');
    throw error;
  }
}

export async function publishedPort(container: Dockerode.Container): Promise<number> {
  const info = await container.inspect();
  const binding = info.NetworkSettings.Ports?.[`${ADAPTER_PORT}/tcp`]?.[0];
  if (!binding) throw new Error('the container has no published port');
  return Number(binding.HostPort);
}

/**
 * Follows a container's output line by line until it stops or the signal fires; linear in the output.
 * `since` (the engine's "seconds.nanoseconds") skips the output of earlier boots of a restarted container.
 */
export async function followLogs(docker: Dockerode, container: Dockerode.Container, onLine: (line: string, stream: 'stdout' | 'stderr') => void, signal: AbortSignal, since: number | string = 0): Promise<void> {
  const stream = (await container.logs({ follow: true, stdout: true, stderr: true, since: since as number })) as unknown as NodeJS.ReadableStream & { destroy(): void };
  const stdout = new LineSplitter((line) => onLine(line, 'stdout'));
  const stderr = new LineSplitter((line) => onLine(line, 'stderr'));
  const sink = (splitter: LineSplitter) => ({ write: (chunk: Buffer) => (splitter.write(chunk), true) }) as unknown as NodeJS.WritableStream;
  docker.modem.demuxStream(stream, sink(stdout), sink(stderr));
  const stop = () => stream.destroy();
  signal.addEventListener('abort', stop, { once: true });
  await new Promise<void>((resolve) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', () => resolve());
  });
  signal.removeEventListener('abort', stop);
  stdout.end();
  stderr.end();
}

/** When the current boot of a container started, as the engine's log `since` wants it; 0 when unknown. */
export async function bootStartedAt(container: Dockerode.Container): Promise<string | number> {
  const started = (await container.inspect().catch(() => undefined))?.State.StartedAt;
  const match = started && /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(started);
  if (!match) return 0;
  return `${Math.floor(Date.parse(`${match[1]}Z`) / 1000)}.${(match[2] ?? '').padEnd(9, '0')}`;
}

/**
 * Engine calls on a session's way out are bounded: a stuck engine must not hold a cancel or an exit
 * forever. A container left behind that way is removed by the next start-up sweep (it is labelled).
 */
const STOP_CALL_DEADLINE_MS = 15_000;

export async function removeContainer(container: Dockerode.Container): Promise<void> {
  const removed = container.remove({ force: true }).catch((error: { statusCode?: number }) => {
    if (error.statusCode !== 404) throw error;
  });
  const settled = await settleWithin(removed, STOP_CALL_DEADLINE_MS);
  if (settled.outcome === 'failed') throw settled.error;
  if (settled.outcome === 'timed-out') throw new Error(`the Docker engine did not remove container ${container.id.slice(0, 12)} within ${STOP_CALL_DEADLINE_MS / 1000} s; the next start removes it`);
}

/** Kills the container's process (SIGKILL unless told); a container already gone is fine; bounded. */
export async function killContainer(container: Dockerode.Container, signal = 'SIGKILL'): Promise<void> {
  await settleWithin(container.kill({ signal }).catch(() => undefined), STOP_CALL_DEADLINE_MS);
}
