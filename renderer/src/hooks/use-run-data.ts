import { decodeSampleColumns, type BenchRun, type SampleColumns } from '../../../shared/contract';
import { skylift } from '../api/client';
import { useAsync } from './use-async';

export interface LoadedRun {
  run: BenchRun;
  /** Every sample as columns, which the charts read directly. */
  samples: SampleColumns;
}

/** Runs and every one of their samples, read together; the view mounts once per set of ids. */
export function useRunData(runIds: readonly string[]) {
  return useAsync<LoadedRun[]>(() =>
    Promise.all(
      runIds.map(async (runId) => {
        const [run, wire] = await Promise.all([skylift.api.runs.get({ runId }), skylift.api.runs.samples({ runId })]);
        return { run, samples: decodeSampleColumns(wire) };
      }),
    ),
  );
}
