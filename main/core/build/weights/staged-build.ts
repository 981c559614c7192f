import type Dockerode from 'dockerode';
import type { BuiltWeights } from '../../../../shared/contract/build';
import type { JobContext } from '../../jobs/job-runner';
import type { BaseImageRef } from '../base-image';
import { buildContextStream, weightMatcher, type ContextSources } from '../build-context';
import { buildImage, type BuildImageOutput } from '../build-image';
import type { ContextPlan } from '../context-policy';
import type { StageDockerfiles } from '../dockerfile';
import { BuildHold } from '../../images/build-hold';
import { formatBytes } from '../../../../shared/text/bytes';
import { ensureWeightsImage } from './weights-image';
import { KIND_LABEL } from '../kind-label';

type PartJob = Pick<JobContext, 'signal' | 'log' | 'step' | 'progress'>;

export interface StagedBuildInput {
  docker: Dockerode;
  sources: Omit<ContextSources, 'dockerfile'>;
  stages: StageDockerfiles;
  plan: ContextPlan;
  /** skylift/<name>:<variant>, with today's labels: the image that runs. */
  tag: string;
  labels: Record<string, string>;
  depsTag: string;
  platform?: string;
  buildArgs: Record<string, string>;
  noCache: boolean;
  builder: 'buildkit' | 'classic';
  base: BaseImageRef;
  dataDir: string;
  job: PartJob;
}

export const DEPS_LABELS = { [KIND_LABEL]: 'deps' } as const;

/** skylift-deps/<name>:<variant>: a tag keeps the deps image from being pruned as dangling. */
export const depsTag = (name: string, variant: string): string => `skylift-deps/${name}:${variant}`;

/**
 * A generated variant in three parts: the deps image (builder; the context is the Dockerfile and
 * requirements), the weights image (Skylift's own reproducible layer, reused while the weights are
 * unchanged), and the code image on top (builder; the context holds no weights). A code change
 * re-sends only the code.
 */
export async function stagedBuild(input: StagedBuildInput): Promise<BuildImageOutput & { weights: BuiltWeights | null }> {
  const from = { image: '' };
  // Holds the image the next part builds on, against a prune from any Skylift process or data folder.
  const hold = new BuildHold(input.docker, input.tag);
  try {
    return await threeParts(input, from, hold);
  } catch (error) {
    // Another tool removed the deps or weights image in the moment between its part and its hold:
    // the build is sound, the timing was not. Build the parts again, once.
    if (input.job.signal.aborted || !from.image || (await imageExists(input.docker, from.image))) throw error;
    input.job.log(`${from.image} was removed while this build ran; building it again`, 'info');
    return await threeParts(input, from, hold);
  } finally {
    await hold.release();
  }
}

async function imageExists(docker: Dockerode, ref: string): Promise<boolean> {
  return docker.getImage(ref).inspect().then(() => true, (error: { statusCode?: number }) => error.statusCode !== 404);
}

async function threeParts(input: StagedBuildInput, from: { image: string }, hold: BuildHold): Promise<BuildImageOutput & { weights: BuiltWeights | null }> {
  const { docker, job } = input;
  const common = { docker, platform: input.platform, buildArgs: input.buildArgs, noCache: input.noCache, builder: input.builder };
  const deps = await builderCall(input, 'deps', input.stages.deps, { ...common, tag: input.depsTag, labels: { ...DEPS_LABELS }, base: input.base });
  from.image = deps.imageId;
  await hold.move(deps.imageId);

  const isWeight = weightMatcher(input.sources.weights);
  const weightFiles = input.plan.files.filter((file) => isWeight(file.rel));
  const weights = weightFiles.length === 0 ? null : await ensureWeightsImage({ docker, depsImage: deps.imageId, weights: weightFiles, dataDir: input.dataDir, noCache: input.noCache, job: partJob(job, 'weights') });

  if (weights) {
    from.image = weights.image;
    await hold.move(weights.image);
  }
  const code = await builderCall(input, 'code', input.stages.code(codeFrom(weights?.image ?? null, deps, input.depsTag), input.labels), { ...common, tag: input.tag, labels: {} });
  return { imageId: code.imageId, builder: code.builder, steps: deps.steps + code.steps, cacheHits: deps.cacheHits + code.cacheHits, weights };
}

/**
 * What the code part builds FROM. The deps tag is shared by every folder with the project's name:
 * another folder's build may move it between the parts, so the classic builder takes the deps
 * image's id (the hold keeps that id). BuildKit cannot go FROM an image id (moby/buildkit#2204): it keeps the tag.
 */
export function codeFrom(weightsImage: string | null, deps: Pick<BuildImageOutput, 'imageId' | 'builder'>, depsTag: string): string {
  if (weightsImage) return weightsImage;
  return deps.builder === 'classic' ? deps.imageId : depsTag;
}

async function builderCall(
  input: StagedBuildInput,
  part: 'deps' | 'code',
  dockerfile: string,
  options: Omit<Parameters<typeof buildImage>[0], 'context' | 'job'>,
): Promise<BuildImageOutput> {
  const context = buildContextStream({ ...input.sources, dockerfile }, part, input.plan);
  const output = await buildImage({ ...options, context: context.stream, job: partJob(input.job, part) });
  const sent = await context.summary;
  input.job.log(`${part}: context ${sent.files} files, ${formatBytes(sent.bytes)}${part === 'code' ? ` (${sent.ignored} ignored by .dockerignore)` : ''}`, 'info');
  return output;
}

/** Step and progress names say which part they belong to: each builder call counts its own steps. */
function partJob(job: PartJob, part: string): PartJob {
  return {
    signal: job.signal,
    log: job.log.bind(job),
    step: (index, name, total) => job.step(index, `${part}: ${name}`, total),
    progress: (fraction, message, bench) => job.progress(fraction, message ? `${part}: ${message}` : message, bench),
  };
}
