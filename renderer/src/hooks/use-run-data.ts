import { takeRuns, type LoadedRun } from '../components/runs/load-runs';
import { useAsync } from './use-async';

export type { LoadedRun } from '../components/runs/load-runs';

/** Runs and every one of their samples, read together (started early by the Runs page); the view mounts once per set of ids. */
export function useRunData(runIds: readonly string[]) {
  return useAsync<LoadedRun[]>(() => takeRuns(runIds));
}
