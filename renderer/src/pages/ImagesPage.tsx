import { skylift } from '../api/client';
import { describeError } from '../components/describe-error';
import { ErrorAlert } from '../components/ErrorAlert';
import { ImagesTable } from '../components/images/ImagesTable';
import { PrunePanel } from '../components/images/PrunePanel';
import { PageHeader } from '../components/PageHeader';
import { useAsync } from '../hooks/use-async';

/** Images: what Skylift built on the engine, per project and variant; delete one, prune what is left over. */
export function ImagesPage() {
  const list = useAsync(() => skylift.api.images.list({}));
  return (
    <>
      <PageHeader title="Images" description="The images Skylift built on this engine, per project and variant, and the bench runs that used them; then the weights and dependencies images they are built on."
        actions={<button type="button" className="button" onClick={list.reload} aria-busy={list.loading}>Refresh</button>} />
      <div className="panel-stack" data-testid="images" aria-busy={list.loading}>
        {list.error !== undefined && (
          <ErrorAlert error={describeError(list.error)} title="Could not list the images">
            <button type="button" className="button" onClick={list.reload}>Try again</button>
          </ErrorAlert>
        )}
        {list.data && (list.data.images.length === 0
          ? <p className="muted" data-testid="images-empty">No Skylift images on this engine yet: build a project on the <a href="#/deploy">Deploy</a> page.</p>
          : <ImagesTable images={list.data.images} diskBytes={list.data.diskBytes} onChanged={list.reload} />)}
        {list.data && <PrunePanel prunable={list.data.prunable} onChanged={list.reload} />}
      </div>
    </>
  );
}
