import type { TargetName } from '../../../../shared/project/schema';
import { VARIANT_LABEL } from '../deploy/variant-labels';
import { Panel } from '../Panel';

/** Nothing to run yet: say which targets need an image and lead back to Build. */
export function BuildFirst({ missing, onBuild }: { missing: readonly TargetName[]; onBuild: () => void }) {
  return (
    <Panel title="Run locally" className="test-run">
      <div className="alert alert-info" role="status" data-testid="test-nothing-built">
        <p className="alert-title">No image is built for this project yet</p>
        <p>{missing.length > 0 ? `Build ${missing.map((v) => VARIANT_LABEL[v]).join(', ')} first; each runs here once its image exists.` : 'skylift.yaml names no target to build.'}</p>
      </div>
      <div className="form-actions">
        <button type="button" className="button button-primary" data-testid="test-go-build" onClick={onBuild}>
          Go to Build
        </button>
      </div>
    </Panel>
  );
}
