import type { BuildRequestInput } from '../../../../shared/contract/build';
import { SkyliftError } from '../../../../shared/errors';
import type { TargetName } from '../../../../shared/project/schema';
import type { JobContext } from '../../jobs/job-runner';
import { targetModule } from '../../targets/registry';
import { HttpVariantSession } from '../http-session';
import type { VariantSession } from '../variant-session';
import { rebuild, rebuildRequest, type RebuildDeps } from './rebuild';
import { RunWatch } from './run-watch';
import { SwappableSession } from './swappable-session';

/**
 * An HTTP run is served through a SwappableSession: one Skylift-owned loopback address for the
 * whole run, so watch mode can swap containers behind it. Other sessions are served as they are.
 */
export async function servedSession(first: VariantSession): Promise<VariantSession> {
  if (!(first instanceof HttpVariantSession)) return first;
  const session = new SwappableSession(first, first.requestDeadlineMs);
  await session.start();
  return session;
}

/** Watch mode needs a session whose address survives a swap: refused, before anything starts, where there is none yet. */
export function assertWatchable(variant: TargetName): void {
  if (targetModule(variant).session.publishesHttp) return;
  throw notWatchable(variant);
}

export const notWatchable = (variant: TargetName): SkyliftError =>
  new SkyliftError({
    code: 'WATCH_NOT_SUPPORTED',
    message: `Rebuild on save is not available for ${variant} runs yet: only HTTP variants (local, azure-functions) can swap containers behind one address.`,
    hint: `Run the local variant with --watch while you edit, or rebuild ${variant} with skylift build and start it again.`,
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
    openSession: (signal) => wiring.openSession(withSignal(job, AbortSignal.any([job.signal, signal]))),
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
