import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { SkyliftError } from '../../../shared/errors';
import type { JobContext } from '../jobs/job-runner';
import { createBuildkitStreamParser, createBuildStreamParser, type BuildStreamHandlers } from './build-stream';

export interface BuildImageInput {
  docker: Dockerode;
  context: Readable;
  tag: string;
  labels: Record<string, string>;
  platform?: string;
  buildArgs: Record<string, string>;
  noCache?: boolean;
  builder: 'buildkit' | 'classic';
  job: Pick<JobContext, 'signal' | 'log' | 'step' | 'progress'>;
}

export interface BuildImageOutput {
  builder: 'buildkit' | 'classic';
  imageId: string;
  steps: number;
  cacheHits: number;
}

const KEPT_LINES = 15;

/**
 * Runs one build on the engine, BuildKit or classic: every line goes to the job log, steps become
 * step events, and a failure names the step and its last lines. On cancel the request is torn
 * down and any intermediate container a classic step left is removed.
 */
export async function buildImage(input: BuildImageInput): Promise<BuildImageOutput> {
  const { job } = input;
  const state = { steps: 0, total: 0, current: '', cacheHits: 0, imageId: '', error: '', recent: [] as string[], containers: new Set<string>() };
  const handlers: BuildStreamHandlers = {
    step: (index, total, instruction) => {
      state.steps = index;
      state.total = total;
      state.current = instruction;
      job.step(index, instruction, total);
      job.progress((index - 1) / total, `Step ${index}/${total}`);
    },
    log: (line) => {
      job.log(line, 'stdout');
      state.recent = [...state.recent.slice(-(KEPT_LINES - 1)), line];
      const running = /^ ---> Running in ([0-9a-f]{12,64})$/.exec(line);
      if (running) state.containers.add(running[1]);
    },
    cacheHit: () => state.cacheHits++,
    imageId: (id) => (state.imageId = id),
    failedAt: (index, total, instruction) => Object.assign(state, { steps: index, total, current: instruction }),
    error: (message) => (state.error = message),
  };
  const feed = input.builder === 'buildkit' ? createBuildkitStreamParser(handlers) : createBuildStreamParser(handlers);

  try {
    const response = (await input.docker.buildImage(input.context, {
      t: input.tag,
      labels: input.labels,
      buildargs: input.buildArgs,
      rm: true,
      forcerm: true,
      nocache: Boolean(input.noCache),
      version: input.builder === 'buildkit' ? '2' : '1',
      ...(input.platform ? { platform: input.platform } : {}),
      abortSignal: job.signal,
    } as Dockerode.ImageBuildOptions)) as NodeJS.ReadableStream;
    await new Promise<void>((resolve, reject) => {
      response.on('data', feed);
      response.on('end', resolve);
      response.on('error', reject);
      response.on('close', resolve);
    });
  } catch (error) {
    if (job.signal.aborted) await removeContainers(input.docker, state.containers);
    throw job.signal.aborted ? new DOMException('Build cancelled', 'AbortError') : error;
  }
  if (job.signal.aborted) {
    await removeContainers(input.docker, state.containers);
    throw new DOMException('Build cancelled', 'AbortError');
  }
  if (state.error) throw stepFailure(state);
  if (!state.imageId) {
    const inspected = await input.docker.getImage(input.tag).inspect();
    state.imageId = inspected.Id;
  }
  job.progress(1, 'Built');
  return { imageId: state.imageId, steps: state.total, cacheHits: state.cacheHits, builder: input.builder };
}

function stepFailure(state: { steps: number; total: number; current: string; error: string; recent: string[] }): SkyliftError {
  const where = state.steps ? `step ${state.steps}/${state.total} (${state.current})` : 'before the first step';
  const tail = state.recent.filter((line) => !line.startsWith(' ---> ') && !line.startsWith('=> ')).slice(-8);
  return new SkyliftError({
    code: 'BUILD_STEP_FAILED',
    message: `Build failed at ${where}: ${state.error}${tail.length ? `\n${tail.join('\n')}` : ''}`,
    hint: 'Read the step\'s output in the build log; fix the project (requirements, system packages, base image) and build again.',
    details: { step: state.steps, total: state.total, instruction: state.current, lastLines: tail },
  });
}

async function removeContainers(docker: Dockerode, ids: Set<string>): Promise<void> {
  await Promise.all([...ids].map((id) => docker.getContainer(id).remove({ force: true }).catch(() => undefined)));
}
