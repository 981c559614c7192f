import { skylift } from '../../api/client';
import { useAsync } from '../../hooks/use-async';
import { describeError } from '../describe-error';
import { ErrorAlert } from '../ErrorAlert';
import { shortDigest } from '../publish/publish-format';
import { formatWhen } from '../runs/run-format';

/** A deployment's releases, newest first, from the deployments store (`deployments.show`). */
export function DeploymentHistory({ dir, name, liveVersion }: { dir: string; name: string; liveVersion: string | null }) {
  const shown = useAsync(() => skylift.api.deployments.show({ dir, name }));
  return (
    <details className="deployment-history" data-testid={`deployment-history-${name}`}>
      <summary>History</summary>
      {shown.error !== undefined && <ErrorAlert error={describeError(shown.error)} title="Could not read the history" />}
      {shown.data && shown.data.history.length === 0 && <p className="muted">Nothing published yet.</p>}
      {shown.data && shown.data.history.length > 0 && (
        <table className="data-table">
          <caption className="visually-hidden">Releases of {name}, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Image</th>
              <th scope="col">Deployed</th>
            </tr>
          </thead>
          <tbody>
            {shown.data.history.map((release) => (
              <tr key={`${release.version}-${release.deployedAt}`}>
                <td>
                  {release.version}
                  {release.version === liveVersion && <span className="cell-note">live</span>}
                </td>
                <td className="mono" title={release.imageDigest}>{shortDigest(release.imageDigest)}</td>
                <td className="nowrap">{formatWhen(release.deployedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
