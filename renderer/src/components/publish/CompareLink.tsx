import type { BenchRun } from '../../../../shared/contract';
import { skylift } from '../../api/client';
import { useAsync } from '../../hooks/use-async';
import { compareHref } from '../../hooks/use-runs-route';
import { findLocalTwin } from './publish-format';

/** Recent runs searched for the local bench of the same image. */
const RECENT_RUNS = 200;

/** A link to the cloud run beside the local run of the same image digest, or why there is none. */
export function CompareLink({ cloudRun }: { cloudRun: BenchRun }) {
  const runs = useAsync(() => skylift.api.runs.list({ limit: RECENT_RUNS }));
  if (!runs.data) return null;
  const local = findLocalTwin(runs.data, cloudRun);
  if (!local) {
    return (
      <p className="field-hint" data-testid="publish-compare-none">
        No local bench of this image yet: bench it in the Test step to compare local and Lambda latency.
      </p>
    );
  }
  return (
    <a className="button button-primary" href={compareHref([local.id, cloudRun.id])} data-testid="publish-compare">
      Compare with the local run of the same image
    </a>
  );
}
