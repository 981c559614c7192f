import type { BenchRun, BenchSampleData } from '../../../shared/contract';
import { skylift } from '../api/client';
import { useAsync } from './use-async';

export interface LoadedRun {
  run: BenchRun;
  samples: BenchSampleData[];
}

/** Runs and every one of their samples, read together; the view mounts once per set of ids. */
export function useRunData(runIds: readonly string[]) {
  return useAsync<LoadedRun[]>(() =>
    Promise.all(
      runIds.map(async (runId) => {
        const [run, samples] = await Promise.all([skylift.api.runs.get({ runId }), skylift.api.runs.samples({ runId })]);
        return { run, samples };
      }),
    ),
  );
}
