import { useState } from 'react';
import type { ImageList, ImagePruneResult } from '../../../../shared/contract';
import { skylift } from '../../api/client';
import { describeError, type ErrorDescription } from '../describe-error';
import { ErrorAlert } from '../ErrorAlert';
import { formatBytes } from '../../../../shared/text/bytes';
import { Panel } from '../Panel';

/** What prune removes, said before it runs, and what it removed (or kept, and why) after. */
export function PrunePanel({ prunable, onChanged }: { prunable: ImageList['prunable']; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImagePruneResult | null>(null);
  const [error, setError] = useState<ErrorDescription | null>(null);
  const prune = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await skylift.api.images.prune({}));
      onChanged();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel title="Prune">
      <p className="panel-note">
        Removes what Skylift built and nothing uses: older builds whose tag moved to a newer build, weights and dependencies images no
        image is built on any more (after a weights or requirements change), and what a stopped build left. Images a container or a kept
        image stands on, other tools’ images and the build cache stay. Bytes freed count each layer once.
      </p>
      <p data-testid="prunable">
        {prunable.count === 0 ? 'Nothing to prune.' : `${prunable.count} image${prunable.count === 1 ? '' : 's'} (${formatBytes(prunable.sizeBytes)}) can be pruned.`}
      </p>
      {prunable.count > 0 && (
        <ul data-testid="prunable-images">
          {prunable.images.map((image) => <li key={image.id}><code>{image.id}</code> {image.name}: {image.why}</li>)}
        </ul>
      )}
      <button type="button" className="button" data-testid="images-prune" aria-busy={busy} aria-disabled={busy || prunable.count === 0}
        onClick={() => !busy && prunable.count > 0 && void prune()}>
        {busy ? 'Pruning…' : 'Prune'}
      </button>
      {error && <ErrorAlert error={error} title="Not pruned" />}
      {result && (
        <div data-testid="prune-result" role="status">
          <p>{result.removed.length ? `Removed ${result.removed.length} image${result.removed.length === 1 ? '' : 's'}, ${formatBytes(result.reclaimedBytes)} reclaimed.` : 'Nothing was removed.'}</p>
          <ul>
            {result.removed.map((image) => <li key={image.id}><code>{image.id}</code> {image.name} {formatBytes(image.sizeBytes)}: {image.why}</li>)}
            {result.kept.map((image) => <li key={image.id}>Kept <code>{image.id}</code>: {image.reason}</li>)}
          </ul>
        </div>
      )}
    </Panel>
  );
}
