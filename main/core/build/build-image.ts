import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { SkyliftError } from '../../../shared/errors';
import { engineError } from '../engine/engine-errors';
import { baseImageError, isBaseFetchFailure, type BaseImageRef } from './base-image';
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
  /** The base the Dockerfile builds FROM: a failure to fetch it is explained as such. */
  base?: BaseImageRef;
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

  let outcome: StreamOutcome;
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
    outcome = await readToTheEnd(response, feed);
  } catch (error) {
    if (job.signal.aborted) await removeContainers(input.docker, state.containers);
    throw job.signal.aborted ? new DOMException('Build cancelled', 'AbortError') : error;
  }
  if (job.signal.aborted) {
    await removeContainers(input.docker, state.containers);
    throw new DOMException('Build cancelled', 'AbortError');
  }
  if (state.error && input.base && isBaseFetchFailure(state.current, state.error)) throw baseImageError(input.base, state.error);
  if (state.error) throw stepFailure(state);
  // Only the engine's own word makes a build good: BuildKit's moby.image.id, the classic builder's
  // aux ID or "Successfully built". A stream that stops without it was cut, and the tag still
  // names whatever image it named before.
  if (!state.imageId) throw connectionDropped(state, outcome);
  job.progress(1, 'Built');
  return { imageId: state.imageId, steps: state.total, cacheHits: state.cacheHits, builder: input.builder };
}

type StreamOutcome = { ended: 'end' | 'close' | 'error'; error?: Error };

/** Waits for the response to finish, however it finishes; the caller decides what that means. */
function readToTheEnd(response: NodeJS.ReadableStream, feed: (chunk: Buffer | string) => void): Promise<StreamOutcome> {
  return new Promise((resolve) => {
    response.on('data', feed);
    response.on('end', () => resolve({ ended: 'end' }));
    response.on('close', () => resolve({ ended: 'close' }));
    response.on('error', (error: Error) => resolve({ ended: 'error', error }));
  });
}

function connectionDropped(state: { steps: number; total: number; current: string }, outcome: StreamOutcome): SkyliftError {
  const where = state.steps ? `at step ${state.steps}/${state.total} (${state.current})` : 'before the first step';
  const reason = outcome.error ? ` (${outcome.error.message.split('\n', 1)[0]})` : '';
  return new SkyliftError({
    code: 'BUILD_CONNECTION_DROPPED',
    message: `The engine connection dropped mid-build, ${where}${reason}: the engine never reported a finished image, so nothing was built. The image tag, if it exists, still names the previous build.`,
    hint: `Build again once the engine answers. ${engineError({ code: 'ECONNRESET' }, null).hint ?? ''}`.trim(),
    details: { step: state.steps, total: state.total, ended: outcome.ended },
  });
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
