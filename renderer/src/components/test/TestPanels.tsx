import type { OpenedProject } from '../../../../shared/contract';
import type { TargetName } from '../../../../shared/project/schema';
import { useBench } from '../../hooks/use-bench';
import { useRun } from '../../hooks/use-run';
import { useSessionState } from '../../hooks/use-session-state';
import { useTryIt } from '../../hooks/use-try-it';
import { BenchPanel } from './BenchPanel';
import { BuildFirst } from './BuildFirst';
import { RunPanel } from './RunPanel';
import { TryItPanel } from './TryItPanel';
import { useBuiltVariants } from './use-built-variants';

interface TestPanelsProps {
  project: OpenedProject;
  /** Back to the Build step, to build a variant that has no image. */
  onBuild: () => void;
}

/** Run a built target locally under its own protocol, send it requests, and bench it. */
export function TestPanels({ project, onBuild }: TestPanelsProps) {
  const { dir } = project;
  const { offered, missing, checking } = useBuiltVariants(project);
  const [chosen, setVariant] = useSessionState<TargetName>(`deploy.test-variant.${dir}`, offered[0] ?? 'local');
  const variant = offered.includes(chosen) ? chosen : (offered[0] ?? 'local');
  const run = useRun(dir);
  const tryIt = useTryIt(dir, run.jobId);
  const bench = useBench(dir);

  if (checking && !run.active) return <p className="muted" role="status">Looking for this project's images…</p>;
  if (offered.length === 0 && !run.active) return <BuildFirst missing={missing} onBuild={onBuild} />;
  return (
    <>
      <RunPanel run={run} variant={variant} variants={offered} missing={missing} onVariant={setVariant} onBuild={onBuild} />
      <TryItPanel tryIt={tryIt} live={run.live} variant={variant} />
      <BenchPanel dir={dir} variant={variant} bench={bench} payloadNames={tryIt.list.map((p) => p.name)} />
    </>
  );
}
