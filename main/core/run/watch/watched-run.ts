import type { BuildRequestInput } from '../../../../shared/contract/build';
import { SkyliftError } from '../../../../shared/errors';
import type { TargetName } from '../../../../shared/project/schema';
import type { JobContext } from '../../jobs/job-runner';
import { HttpVariantSession } from '../http-session';
import { LambdaVariantSession } from '../lambda-session';
import type { VariantSession } from '../variant-session';
import { rebuild, rebuildRequest, type RebuildDeps } from './rebuild';
import { RunWatch } from './run-watch';
import { SwappableSession } from './swappable-session';

/**
 * A run is served through a SwappableSession, so watch mode can swap containers behind what the
 * user was given: an HTTP run's one Skylift-owned loopback address, an aws-lambda run's Invoke API
 * (its one execution environment). A session of another kind is served as it is.
 */
export async function servedSession(first: VariantSession): Promise<VariantSession> {
  const deadlineMs = first instanceof HttpVariantSession ? first.requestDeadlineMs : first instanceof LambdaVariantSession ? first.settings.timeoutSeconds * 1000 : null;
  if (deadlineMs === null) return first;
  const session = new SwappableSession(first, deadlineMs, first instanceof HttpVariantSession);
  await session.start();
  return session;
}

export const notWatchable = (variant: TargetName): SkyliftError =>
  new SkyliftError({
    code: 'WATCH_NOT_SUPPORTED',
    message: `Rebuild on save is not available for ${variant} runs: their sessions cannot be swapped behind one address.`,
    hint: `Rebuild ${variant} with skylift build and start it again.`,
  });

export interface WatchWiring extends RebuildDeps {
  dir: string;
  variant: TargetName;
  job: JobContext;
  session: SwappableSession;
  /** The image the run started from: the build that made it says how to rebuild it. */
  firstImageId: string;
  /** Opens and starts a session of the variant's current image, as the run did (resolves once ready). */
  openSession: (job: JobContext) => Promise<VariantSession>;
}

/** The run's watch: rebuilds through the Build step's job, starts the new session in the run's job (its log), swaps behind the address. */
export function runWatchFor(wiring: WatchWiring): RunWatch {
  const { job, session } = wiring;
  let request: BuildRequestInput | null = null;
  let steps = 1;
  return new RunWatch({
    dir: wiring.dir,
    rebuild: async (signal, onJob) => {
      request ??= rebuildRequest(wiring, wiring.dir, wiring.variant, wiring.firstImageId);
      await rebuild(wiring, request, signal, onJob);
    },
    openSession: async (signal) => {
      const next = await wiring.openSession(withSignal(job, AbortSignal.any([job.signal, signal])));
      try {
        // A Lambda environment is up once its runtime asked for work: an init error must not be swapped in.
        if (next instanceof LambdaVariantSession) await next.initialized(signal);
      } catch (error) {
        await next.stop().catch(() => undefined);
        throw error;
      }
      return next;
    },
    swap: (next, signal) => session.swap(next, signal),
    log: (line, stream) => job.log(line, stream),
    // A step, as the run's first "Running at": the CLI prints steps on stdout.
    onSwap: (_timings, line) => job.step(++steps, line),
  });
}

function withSignal(job: JobContext, signal: AbortSignal): JobContext {
  return {
    jobId: job.jobId,
    signal,
    log: (line, stream) => job.log(line, stream),
    progress: (fraction, message, bench) => job.progress(fraction, message, bench),
    step: (index, name, total) => job.step(index, name, total),
  };
}
