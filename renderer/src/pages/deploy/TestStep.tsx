import { lazy, Suspense } from 'react';
import type { OpenedProject } from '../../../../shared/contract';
import { PathText } from '../../components/PathText';

// Loaded when the step is first opened, so the app starts without it.
const TestPanels = lazy(() => import('../../components/test/TestPanels').then((module) => ({ default: module.TestPanels })));

/** Step 3: run a built target locally under its own protocol, send it requests, and bench it. */
export function TestStep({ project, onBuild }: { project: OpenedProject; onBuild: () => void }) {
  return (
    <div className="panel-stack">
      <p className="build-project">
        Project <code><PathText text={project.dir} /></code>
      </p>
      <Suspense fallback={<p className="muted" role="status">Loading…</p>}>
        <TestPanels project={project} onBuild={onBuild} />
      </Suspense>
    </div>
  );
}
