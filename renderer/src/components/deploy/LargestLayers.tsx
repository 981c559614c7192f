import type { BuiltVariant } from '../../../../shared/contract';
import { formatBytes } from '../../../../shared/text/bytes';

/** The layers that make the image big, with the instruction that made each. */
export function LargestLayers({ layers }: { layers: BuiltVariant['largestLayers'] }) {
  if (layers.length === 0) return <p className="muted">No layers with content.</p>;
  return (
    <table className="layer-table">
      <thead>
        <tr>
          <th scope="col">Size</th>
          <th scope="col">Instruction</th>
        </tr>
      </thead>
      <tbody>
        {layers.map((layer, index) => (
          <tr key={index}>
            <td className="layer-size">{formatBytes(layer.sizeBytes)}</td>
            <td>
              {layer.createdBy ? (
                <code className="layer-instruction" title={layer.createdBy}>
                  {layer.createdBy}
                </code>
              ) : (
                <span className="muted">From the base image (no instruction recorded)</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
