import { createHash } from 'node:crypto';
import type Dockerode from 'dockerode';
import path from 'node:path';
import { buildRequestSchema, type BuildRequest, type BuildRequestInput, type BuildResult, type BuiltVariant } from '../../../shared/contract/build';
import type { Job } from '../../../shared/contract';
import { TARGETS, type ProjectConfig, type TargetName } from '../../../shared/project/schema';
import type { EngineService } from '../engine/engine-service';
import type { JobContext, JobRunner } from '../jobs/job-runner';
import { requireProject } from '../project/project-files';
import { BASE_CHECK_TIMEOUT_MS, ensureBaseImage, type BaseImageRef } from './base-image';
import { buildContextStream, planFor } from './build-context';
import { depsTag, stagedBuild } from './weights/staged-build';
import { buildImage, type BuildImageOutput } from './build-image';
import { checkDriver, compatTable } from './compat';
import { preflight } from './preflight';
import { targetModule } from '../targets/registry';
import { dockerfileFor } from './variant-dockerfiles';
import { builtFromOtherFolder, PROJECT_DIR_LABEL, takeOverWarning } from './image-identity';
import { formatBytes } from '../../../shared/text/bytes';
import { KIND_LABEL } from './kind-label';

export interface BuildServiceDeps {
  engine: EngineService;
  jobs: JobRunner;
  resourcesDir: string;
  skyliftVersion: string;
  hostDriverVersion: () => Promise<string | null>;
  /** Skylift's data folder: the weights index (each weights file's hash by stat) lives there. */
  dataDir: string;
}

export const LABEL = {
  project: 'dev.skylift.project',
  variant: 'dev.skylift.variant',
  version: 'dev.skylift.version',
  configHash: 'dev.skylift.config-hash',
  /** variant on the image that runs; the deps and weights images under it say deps and weights. */
  kind: KIND_LABEL,
} as const;

/** Builds a project's variants on the engine, as one job per request. */
export class BuildService {
  constructor(private readonly deps: BuildServiceDeps) {}

  start(input: BuildRequestInput): Job {
    const request = buildRequestSchema.parse(input);
    const source = requireProject(request.dir); // a bad skylift.yaml fails here, before a job exists
    const variants = request.variant === 'all' ? TARGETS.filter((t) => source.config.targets[t]) : [request.variant];
    // A variant that can't be planned (no such target, a base image an ejected Dockerfile would ignore) fails here, before a job exists.
    for (const variant of variants) dockerfileFor(source, variant, this.deps.skyliftVersion, { baseImage: request.baseImage, platform: request.platform });
    const title = `Build ${source.config.name} (${variants.join(', ')})`;
    return this.deps.jobs.start({ kind: 'build', title }, (job) => this.run(request, variants, job));
  }

  private async run(request: BuildRequest, variants: TargetName[], job: JobContext): Promise<BuildResult> {
    const source = requireProject(request.dir);
    const built: BuiltVariant[] = [];
    for (const variant of variants) {
      job.log(`── ${variant} ──`, 'info');
      built.push(await this.buildVariant(source, variant, request, job));
    }
    return { project: source.config.name, variants: built };
  }

  private async buildVariant(source: ReturnType<typeof requireProject>, variant: TargetName, request: BuildRequest, job: JobContext): Promise<BuiltVariant> {
    const { config } = source;
    const { plan, dockerfile, ejected, stages } = dockerfileFor(source, variant, this.deps.skyliftVersion, { baseImage: request.baseImage, platform: request.platform });
    job.log(`base ${plan.baseImage} (${plan.baseSource})${ejected ? ', Dockerfile ejected into the project' : ''}`, 'info');
    for (const warning of plan.warnings) job.log(`warning: ${warning}`, 'info');
    if (plan.gpu && plan.cuda && targetModule(variant).image.runsOnHostGpu) {
      const driver = checkDriver(compatTable, plan.cuda, await this.deps.hostDriverVersion());
      if (driver.status !== 'ok') job.log(`warning: ${driver.message}`, 'info');
    }

    const { docker } = this.deps.engine.connect();
    const base: BaseImageRef = { image: plan.baseImage, source: plan.baseSource, variant };
    const found = await ensureBaseImage(this.deps.engine.connect({ timeoutMs: BASE_CHECK_TIMEOUT_MS }).docker, base, job.signal);
    job.log(found === 'local' ? `base ${plan.baseImage} is on this engine` : found === 'in-registry' ? `base ${plan.baseImage} found in its registry` : `base ${plan.baseImage} not checked`, 'info');
    const runtimeDir = path.join(this.deps.resourcesDir, 'runtime');
    const sources = {
      projectDir: source.dir,
      weights: config.weights,
      requirements: config.requirements,
      model: config.model,
      runtimePackageDir: path.join(runtimeDir, 'skylift_runtime'),
      ...targetModule(variant).image.contextExtras?.(runtimeDir),
    };
    const contextPlan = planFor(sources); // a project the context policy refuses fails here, before any build
    const tag = imageTag(config, variant);
    const previous = await docker.getImage(tag).inspect().catch(() => undefined);
    const otherFolder = builtFromOtherFolder(previous?.Config?.Labels, source.dir);
    if (otherFolder) job.log(takeOverWarning(tag, otherFolder), 'info');
    const labels = {
      [LABEL.project]: config.name,
      [PROJECT_DIR_LABEL]: source.dir,
      [LABEL.variant]: variant,
      [LABEL.version]: this.deps.skyliftVersion,
      [LABEL.configHash]: configHash(config, variant, dockerfile),
      [LABEL.kind]: 'variant',
    };
    const builder = await chooseBuilder(docker, request.builder);
    job.log(builder === 'buildkit' ? 'builder: BuildKit' : 'builder: classic (this engine does not default to BuildKit)', 'info');
    const common = { docker, tag, labels, platform: request.platform, buildArgs: request.buildArgs, noCache: request.noCache, builder, job, base };
    const output = stages
      ? await stagedBuild({ ...common, sources, stages, plan: contextPlan, depsTag: depsTag(config.name, variant), dataDir: this.deps.dataDir })
      : await this.wholeBuild(common, buildContextStream({ ...sources, dockerfile }, 'all', contextPlan));

    const image = await docker.getImage(output.imageId).inspect();
    const history = (await docker.getImage(output.imageId).history()) as Array<{ Size: number; CreatedBy: string }>;
    const engineArchitecture = (await docker.version()).Arch;
    const facts = { sizeBytes: image.Size, architecture: image.Architecture, os: image.Os };
    return {
      variant,
      tag,
      imageId: output.imageId,
      repoDigest: image.RepoDigests?.[0] ?? null,
      sizeBytes: image.Size,
      architecture: image.Architecture,
      os: image.Os,
      largestLayers: history
        .filter((layer) => layer.Size > 0)
        .sort((a, b) => b.Size - a.Size)
        .slice(0, 5)
        .map((layer) => ({ sizeBytes: layer.Size, createdBy: readableInstruction(layer.CreatedBy) })),
      cacheHits: output.cacheHits,
      steps: output.steps,
      builder: output.builder,
      preflight: preflight(variant, facts, { architecture: plan.architecture, engineArchitecture }),
      plan,
      weights: output.weights,
    };
  }

  /** An ejected Dockerfile: one builder call, weights in the context (Skylift can't know where the user's file wants them). */
  private async wholeBuild(common: Omit<Parameters<typeof buildImage>[0], 'context'>, context: ReturnType<typeof buildContextStream>): Promise<BuildImageOutput & { weights: null }> {
    const output = { ...(await buildImage({ ...common, context: context.stream })), weights: null };
    const sent = await context.summary;
    common.job.log(`context: ${sent.files} files, ${formatBytes(sent.bytes)} (${sent.ignored} ignored by .dockerignore)`, 'info');
    return output;
  }
}

/** BuildKit where the engine makes it the default (Docker 23 and later), unless the request says otherwise. */
async function chooseBuilder(docker: Dockerode, wanted: BuildRequest['builder']): Promise<'buildkit' | 'classic'> {
  if (wanted !== 'auto') return wanted;
  const major = Number.parseInt((await docker.version()).Version, 10);
  return major >= 23 ? 'buildkit' : 'classic';
}

/** `|1 DEBIAN_FRONTEND=noninteractive /bin/sh -c apt-get …` → `apt-get …`: the instruction as written. */
export function readableInstruction(createdBy: string): string {
  return createdBy
    .replace(/^\|\d+ (?:\S+=\S* )*/, '')
    .replace(/^\/bin\/sh -c (#\(nop\) )?/, '')
    .trim();
}

export const imageTag = (config: ProjectConfig, variant: TargetName): string => `skylift/${config.name}:${variant}`;

/** Identifies what an image was built from: the config and the exact Dockerfile. */
export function configHash(config: ProjectConfig, variant: TargetName, dockerfile: string): string {
  return createHash('sha256').update(JSON.stringify({ config, variant, dockerfile })).digest('hex').slice(0, 16);
}
