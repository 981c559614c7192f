import type Dockerode from 'dockerode';
import { DEFAULT_LOCAL_STARTUP_TIMEOUT_S } from '../../../shared/contract/settings';
import { SkyliftError } from '../../../shared/errors';
import type { ProjectConfig, TargetName } from '../../../shared/project/schema';
import { compatTable } from '../build/compat';
import { imageTag } from '../build/build-service';
import { planVariant } from '../build/variant-plan';
import { builtFromOtherFolder, imageFromOtherFolder } from '../build/image-identity';
import { targetModule } from '../targets/registry';
import type { EngineService } from '../engine/engine-service';
import type { VariantContainerSpec } from './container';
import { gpuUnavailable } from './gpu-request';
import { ContainerLogBuffer } from './log-buffer';
import type { VariantSession } from './variant-session';

export interface SessionRequest {
  config: ProjectConfig;
  variant: TargetName;
  jobId: string;
  instance: string;
  /** Read the container's memory for Lambda REPORT lines (costs a stats call per invoke). */
  measureMemory: boolean;
  onLog: (line: string, stream: 'stdout' | 'stderr' | 'info') => void;
  /** Skip the engine's GPU check (tests use it to see what reaches the engine). */
  skipGpuCheck?: boolean;
  /** HTTP variants: how long start-up (load() included) may take; default DEFAULT_LOCAL_STARTUP_TIMEOUT_S (Settings → Local test). */
  startupTimeoutMs?: number;
}

export interface BuiltImage {
  tag: string;
  imageId: string;
}

/** The image `skylift build` made for this variant, or a clear "build it first". */
export async function findBuiltImage(docker: Dockerode, config: ProjectConfig, variant: TargetName, dir: string): Promise<BuiltImage> {
  const tag = imageTag(config, variant);
  const image = await docker.getImage(tag).inspect().catch(() => undefined);
  if (!image) {
    throw new SkyliftError({ code: 'IMAGE_NOT_BUILT', message: `There is no ${variant} image for ${config.name} (${tag}).`, hint: `Build it first: skylift build ${dir} --variant ${variant}` });
  }
  const otherFolder = builtFromOtherFolder(image.Config?.Labels, dir);
  if (otherFolder) throw imageFromOtherFolder(tag, otherFolder, dir, variant, config.name);
  return { tag, imageId: image.Id };
}

/**
 * A session for one variant under its target's protocol, with the target's limits mirrored. Its
 * container output goes through a ContainerLogBuffer (batched, bounded), closed when it stops.
 */
export async function createSession(engine: EngineService, image: BuiltImage, request: SessionRequest): Promise<VariantSession> {
  const logs = new ContainerLogBuffer((text, stream) => request.onLog(text, stream));
  const session = await createVariantSession(engine, image, { ...request, onLog: logs.push }).catch((error: unknown) => {
    logs.close();
    throw error;
  });
  return closeLogsOnStop(session, logs);
}

/** stop() also flushes the buffered output, after the container's last lines have arrived. */
function closeLogsOnStop(session: VariantSession, logs: ContainerLogBuffer): VariantSession {
  const stop = session.stop.bind(session);
  session.stop = async () => {
    try {
      await stop();
    } finally {
      logs.close();
    }
  };
  return session;
}

async function createVariantSession(engine: EngineService, image: BuiltImage, request: SessionRequest): Promise<VariantSession> {
  const { docker } = engine.connect();
  const { config, variant } = request;
  const plan = planVariant(config, variant, compatTable);
  if (plan.gpu && !request.skipGpuCheck) {
    const status = await engine.status();
    if (status.reachable && !status.info.gpu.usable) throw gpuUnavailable(variant, 'this Docker engine has no NVIDIA runtime or CDI GPU devices');
  }
  const target = targetModule(variant);
  const spec: VariantContainerSpec = {
    image: image.tag,
    variant,
    project: config.name,
    jobId: request.jobId,
    instance: request.instance,
    env: {},
    gpu: plan.gpu,
    publishHttp: target.session.publishesHttp,
  };
  return target.session.open({
    docker,
    config,
    spec,
    measureMemory: request.measureMemory,
    startupTimeoutMs: request.startupTimeoutMs ?? DEFAULT_LOCAL_STARTUP_TIMEOUT_S * 1000,
    onLog: request.onLog,
  });
}
