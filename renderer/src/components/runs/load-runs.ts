import { decodeSampleColumns, type BenchRun, type SampleColumns } from '../../../../shared/contract';
import { skylift } from '../../api/client';

export interface LoadedRun {
  run: BenchRun;
  /** Every sample as columns, which the charts read directly. */
  samples: SampleColumns;
}

/** A read started before the page that shows it had loaded; older than this, it is read again. */
const PREFETCH_FRESH_MS = 5_000;
const prefetched = new Map<string, { answer: Promise<LoadedRun[]>; startedAt: number }>();

/** Each run's record and its samples, all asked for at once. */
function readRuns(runIds: readonly string[]): Promise<LoadedRun[]> {
  return Promise.all(
    runIds.map(async (runId) => {
      const [run, wire] = await Promise.all([skylift.api.runs.get({ runId }), skylift.api.runs.samples({ runId })]);
      return { run, samples: decodeSampleColumns(wire) };
    }),
  );
}

/**
 * Starts reading runs as soon as the address names them, while the charts' code is still loading,
 * so the answer and the code arrive together instead of one after the other.
 */
export function prefetchRuns(runIds: readonly string[]): void {
  const key = runIds.join(',');
  const entry = prefetched.get(key);
  if (entry && performance.now() - entry.startedAt < PREFETCH_FRESH_MS) return;
  const answer = readRuns(runIds);
  // Nobody may take it (the user went elsewhere): its failure is not an unhandled rejection.
  answer.catch(() => undefined);
  prefetched.set(key, { answer, startedAt: performance.now() });
}

/** The read prefetchRuns started, once (a reload reads again), or a new one. */
export function takeRuns(runIds: readonly string[]): Promise<LoadedRun[]> {
  const key = runIds.join(',');
  const entry = prefetched.get(key);
  prefetched.delete(key);
  return entry && performance.now() - entry.startedAt < PREFETCH_FRESH_MS ? entry.answer : readRuns(runIds);
}
