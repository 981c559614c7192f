import type Dockerode from 'dockerode';
import { ErrorCode, SkyliftError } from '../../../../shared/errors';
import type { HistoryRow } from './image-config';

/** An inspect or history call answers in milliseconds; a paused or wedged engine never does. */
export const ENGINE_CALL_MS = 30_000;

/**
 * One quick engine call with a deadline: a silent engine is named as such, never waited on forever.
 * At the deadline the request itself is aborted (its socket closed), not left open on a paused engine.
 */
export async function engineCall<T>(what: string, work: (signal: AbortSignal) => Promise<T>, ms = ENGINE_CALL_MS): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(
        new SkyliftError({
          code: ErrorCode.EngineUnreachable,
          message: `The Docker engine did not answer (${what}) within ${Math.round(ms / 1000)} s while preparing the weights image. Nothing was tagged.`,
          hint: 'Check the engine is running and responsive (docker info), then build again.',
        }),
      );
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * dockerode's image inspect and history take no abort signal (inspect drops it from its options),
 * so these go through the modem, which passes `abortSignal` to the HTTP request.
 */
export function inspectImage(docker: Dockerode, ref: string, signal: AbortSignal): Promise<Dockerode.ImageInspectInfo> {
  return imageGet(docker, `/images/${ref}/json`, signal);
}

export function imageHistory(docker: Dockerode, ref: string, signal: AbortSignal): Promise<HistoryRow[]> {
  return imageGet(docker, `/images/${ref}/history`, signal);
}

function imageGet<T>(docker: Dockerode, path: string, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    docker.modem.dial(
      { path, method: 'GET', abortSignal: signal, statusCodes: { 200: true, 404: 'no such image', 500: 'server error' } } as Parameters<Dockerode['modem']['dial']>[0],
      (error: unknown, data: unknown) => (error ? reject(error) : resolve(data as T)),
    );
  });
}
