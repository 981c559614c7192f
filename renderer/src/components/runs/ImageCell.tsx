import type { BenchRun } from '../../../../shared/contract';
import { shortImageId } from '../deploy/variant-labels';
import { PathText } from '../PathText';

/** The image a run measured: its tag, and the short id that says which build of that tag it was. */
export function ImageCell({ run }: { run: BenchRun }) {
  if (!run.imageTag && !run.imageId) return <span className="muted">unknown</span>;
  return (
    <span className="image-cell">
      {run.imageTag && (
        <code>
          <PathText text={run.imageTag} />
        </code>
      )}
      {run.imageId && (
        <code className="muted" title={run.imageId}>
          {shortImageId(run.imageId)}
        </code>
      )}
    </span>
  );
}
