import type { ImportPreview } from '../../../../shared/contract';
import { CANDIDATE_KIND_LABEL } from './profile-labels';

interface ImportCandidatesProps {
  candidates: ImportPreview['candidates'];
  selected: ReadonlySet<string>;
  onToggle: (name: string, on: boolean) => void;
  /** Whether the user chose to copy keys in, so the rows that cannot be copied say so. */
  copying: boolean;
}

/** The profiles the shared files hold, each with a checkbox; ones already in Skylift cannot be chosen. */
export function ImportCandidates({ candidates, selected, onToggle, copying }: ImportCandidatesProps) {
  return (
    <div className="table-scroll">
      <table className="data-table import-table" data-testid="import-candidates">
        <caption className="table-caption">Profiles in the files</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Import</span>
            </th>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Region</th>
            <th scope="col">Access key ID</th>
            <th scope="col">Settings</th>
          </tr>
        </thead>
        <tbody>
          {candidates.map((candidate) => {
            const id = `import-${candidate.name}`;
            return (
              <tr key={candidate.name} className={selected.has(candidate.name) ? 'is-selected' : undefined}>
                <td>
                  <input type="checkbox" id={id} checked={selected.has(candidate.name)} disabled={candidate.alreadyImported}
                    aria-label={`Import ${candidate.name}`} onChange={(event) => onToggle(candidate.name, event.target.checked)} />
                </td>
                <td>
                  <label htmlFor={id} className="mono">
                    {candidate.name}
                  </label>
                  {candidate.conflict && <span className="cell-note">{candidate.conflict === 'linked' ? 'Already linked' : 'Name in use by another profile'}</span>}
                </td>
                <td>
                  {CANDIDATE_KIND_LABEL[candidate.kind]}
                  {copying && !candidate.copyable && <span className="cell-note">Stays linked to the file</span>}
                </td>
                <td className="mono nowrap">{candidate.region ?? '—'}</td>
                <td className="mono nowrap">{candidate.maskedKeyId ?? '—'}</td>
                <td>
                  <ul className="plain-list candidate-fields">
                    {Object.entries(candidate.fields).map(([key, value]) => (
                      <li key={key} className="mono">
                        {key} = {value}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
