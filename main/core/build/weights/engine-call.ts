import { ErrorCode, SkyliftError } from '../../../../shared/errors';

/** An inspect or history call answers in milliseconds; a paused or wedged engine never does. */
export const ENGINE_CALL_MS = 30_000;

/** One quick engine call with a deadline: a silent engine is named as such, never waited on forever. */
export async function engineCall<T>(what: string, work: () => Promise<T>, ms = ENGINE_CALL_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
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
    return await Promise.race([work(), late]);
  } finally {
    clearTimeout(timer);
  }
}
