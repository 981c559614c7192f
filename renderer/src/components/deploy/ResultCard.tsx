import type { BuiltVariant } from '../../../../shared/contract';
import { Facts } from '../Facts';
import { formatBytes } from '../../../../shared/text/bytes';
import { Panel } from '../Panel';
import { LargestLayers } from './LargestLayers';
import { PreflightChecks } from './PreflightChecks';
import { shortImageId, VARIANT_LABEL } from './variant-labels';
import { WeightsLayer } from './WeightsLayer';

/** One built image: what it is, what made it big, and whether it fits its target. */
export function ResultCard({ built }: { built: BuiltVariant }) {
  return (
    <div data-testid={`result-${built.variant}`}>
      <Panel title={`${VARIANT_LABEL[built.variant]} image`} className="result-card">
        <div className="result-columns">
          <Facts
            facts={[
              { label: 'Tag', value: built.tag, code: true, testId: `result-${built.variant}-tag` },
              { label: 'Image ID', value: <span title={built.imageId}>{shortImageId(built.imageId)}</span>, code: true },
              { label: 'Size', value: formatBytes(built.sizeBytes) },
              { label: 'Platform', value: `${built.os}/${built.architecture}` },
              { label: 'Steps', value: `${built.steps} steps, ${built.cacheHits} from cache` },
              { label: 'Builder', value: built.builder === 'buildkit' ? 'BuildKit' : 'Classic' },
              { label: 'Base image', value: built.plan.baseImage, code: true },
              ...(built.weights ? [{ label: 'Weights layer', value: <WeightsLayer weights={built.weights} testId={`result-${built.variant}-weights`} /> }] : []),
            ]}
          />
          <div>
            <h3 className="subheading">Preflight</h3>
            <PreflightChecks preflight={built.preflight} />
          </div>
        </div>
        <h3 className="subheading">Largest layers</h3>
        <LargestLayers layers={built.largestLayers} />
      </Panel>
    </div>
  );
}
