import { SkyliftError } from '../../../shared/errors';
import type { JobEventInput } from '../../../shared/contract/jobs';
import type { EngineService } from '../engine/engine-service';
import type { JobContext } from '../jobs/job-runner';
import type { ProfileService } from '../profiles/profile-service';
import { requireProject } from '../project/project-files';
import { findBuiltImage } from '../run/session-factory';
import type { CloudContext } from '../targets/cloud';
import { targetModule } from '../targets/registry';
import type { CloudOperations } from '../targets/cloud';
import type { DeploymentStore } from './deployment-store';
import { deploymentNamed } from './deployment-named';

export interface CloudContextDeps {
  engine: EngineService;
  profiles: ProfileService;
  deployments: DeploymentStore;
}

/** A job's events as a cloud operation emits them; outside a job (a plan call) they are dropped. */
export function emitTo(job: JobContext | null): (event: JobEventInput) => void {
  if (!job) return () => undefined;
  return (event) => {
    if (event.type === 'log') job.log(event.line, event.stream);
    else if (event.type === 'progress') job.progress(event.fraction, event.message);
    else if (event.type === 'step') job.step(event.index, event.name, event.total);
  };
}

/**
 * Everything a cloud operation needs for one deployment of one project: skylift.yaml's entry (an
 * unknown name lists the ones there are), the target's cloud operations, the engine, and the image
 * built for the deployment's target (null when not built: plan says so, apply refuses).
 */
export async function cloudContextFor(deps: CloudContextDeps, dir: string, deploymentName: string, job: JobContext | null): Promise<{ context: CloudContext; cloud: CloudOperations }> {
  const source = requireProject(dir);
  const config = source.config;
  const deployment = deploymentNamed(config, deploymentName);
  const cloud = targetModule(deployment.target).cloud;
  if (!cloud) throw new SkyliftError({ code: 'NOT_AVAILABLE', message: `Skylift cannot publish to ${deployment.target} yet.` });
  const { docker } = deps.engine.connect();
  const built = await findBuiltImage(docker, config, deployment.target, dir).catch((error: unknown) => {
    if (error instanceof SkyliftError && error.code === 'IMAGE_NOT_BUILT') return null;
    throw error;
  });
  const context: CloudContext = {
    projectDir: source.dir,
    config,
    deploymentName,
    deployment,
    profiles: deps.profiles,
    store: deps.deployments,
    docker,
    localImage: built ? { tag: built.tag, id: built.imageId } : null,
    emit: emitTo(job),
    signal: job?.signal ?? new AbortController().signal,
  };
  return { context, cloud };
}
