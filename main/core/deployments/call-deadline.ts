import { SkyliftError } from '../../../shared/errors';

/** How long a plan (observe the function, aliases, repository, role) may take before the call gives up. */
export const PLAN_DEADLINE_MS = 60_000;

/**
 * Runs a cloud observation that answers a call (not a job): it gets a signal that aborts at the
 * deadline, and the call fails then with what to check, even if the work ignores the signal.
 */
export async function withinDeadline<T>(what: string, ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(
        new SkyliftError({
          code: 'CLOUD_TIMEOUT',
          message: `${what} got no complete answer from the cloud within ${Math.round(ms / 1000)} s.`,
          hint: "Check the network and the profile's endpoints (skylift profiles test NAME), then try again.",
        }),
      );
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}
