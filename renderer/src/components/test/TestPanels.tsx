import type { OpenedProject } from '../../../../shared/contract';
import type { TargetName } from '../../../../shared/project/schema';
import { useBench } from '../../hooks/use-bench';
import { useRun } from '../../hooks/use-run';
import { useSessionState } from '../../hooks/use-session-state';
import { useTryIt } from '../../hooks/use-try-it';
import { BenchPanel } from './BenchPanel';
import { RunPanel } from './RunPanel';
import { TryItPanel } from './TryItPanel';

/** Run a built target locally under its own protocol, send it requests, and bench it. */
export function TestPanels({ project }: { project: OpenedProject }) {
  const { dir } = project;
  const variants = project.variants.map((v) => v.variant);
  const [chosen, setVariant] = useSessionState<TargetName>(`deploy.test-variant.${dir}`, variants[0] ?? 'local');
  const variant = variants.includes(chosen) ? chosen : (variants[0] ?? 'local');
  const run = useRun(dir);
  const tryIt = useTryIt(dir, run.jobId);
  const bench = useBench(dir);

  return (
    <>
      <RunPanel run={run} variant={variant} variants={variants} onVariant={setVariant} />
      <TryItPanel tryIt={tryIt} live={run.live} variant={variant} />
      <BenchPanel dir={dir} variant={variant} bench={bench} payloadNames={tryIt.list.map((p) => p.name)} />
    </>
  );
}
