import type { ProfileSummary, SecretStorage } from '../../../../shared/contract';
import { useProfileImport, type ImportMode } from '../../hooks/use-profiles-import';
import { ErrorAlert } from '../ErrorAlert';
import { Facts } from '../Facts';
import { TextField } from '../TextField';
import { FieldSelect } from './FieldSelect';
import { ImportCandidates } from './ImportCandidates';

interface ImportPanelProps {
  storage: SecretStorage | undefined;
  onImported: (profiles: ProfileSummary[]) => void;
  onCancel: () => void;
}

const MODE_OPTIONS: ReadonlyArray<{ value: ImportMode; label: string }> = [
  { value: 'link', label: 'Keep linked to the file (edits there are seen)' },
  { value: 'copy', label: 'Copy keys into Skylift' },
];

const countLine = (count: number) => (count === 0 ? 'These files hold no profiles.' : count === 1 ? 'The files hold 1 profile.' : `The files hold ${count} profiles.`);
const found = (file: { path: string; exists: boolean }) => `${file.path}${file.exists ? '' : ' (not found)'}`;

/** Import profiles from the AWS shared config and credentials files, after a preview. */
export function ImportPanel({ storage, onImported, onCancel }: ImportPanelProps) {
  const flow = useProfileImport(onImported);
  const { preview, busy } = flow;
  const noSecureCopy = flow.mode === 'copy' && storage !== undefined && !storage.secure && !storage.fileOptIn.enabled;

  return (
    <div className="import-panel" data-testid="profile-import">
      <div className="field-pair">
        <TextField label="Config file (optional)" value={flow.configFile} onChange={flow.setConfigFile} placeholder={preview?.configFile.path}
          onEnter={() => void flow.runPreview()} />
        <TextField label="Credentials file (optional)" value={flow.credentialsFile} onChange={flow.setCredentialsFile}
          placeholder={preview?.credentialsFile.path} onEnter={() => void flow.runPreview()} />
      </div>
      <p className="field-hint">Leave empty for the defaults: AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, else the files in ~/.aws.</p>
      <div className="form-actions">
        <button type="button" className="button" aria-busy={busy === 'preview'} aria-disabled={busy !== null} onClick={() => void flow.runPreview()}>
          {busy === 'preview' ? 'Reading…' : 'Preview'}
        </button>
      </div>
      {flow.error?.action === 'preview' && <ErrorAlert error={flow.error.error} title="Could not read the files" />}
      {preview && (
        <div className="import-preview">
          <p role="status">{countLine(preview.candidates.length)}</p>
          <Facts
            facts={[
              { label: 'Config file', value: found(preview.configFile), code: true, testId: 'import-config-path' },
              { label: 'Credentials file', value: found(preview.credentialsFile), code: true, testId: 'import-credentials-path' },
            ]}
          />
          {preview.warnings.length > 0 && (
            <ul className="warning-list" data-testid="import-warnings">
              {preview.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          )}
          {preview.candidates.length > 0 && <ImportCandidates candidates={preview.candidates} selected={flow.selected} onToggle={flow.toggle} copying={flow.mode === 'copy'} />}
        </div>
      )}
      {preview && preview.candidates.length > 0 && (
        <>
          <FieldSelect label="Import as" value={flow.mode} options={MODE_OPTIONS} onChange={(mode) => flow.setMode(mode as ImportMode)}
            hint={
              flow.mode === 'link'
                ? 'Skylift reads the files each time it uses the profile, so keys rotated there, SSO logins and credential processes keep working.'
                : 'Only profiles with static keys can be copied; the keys go to Skylift’s secret storage. The others are imported linked to the file.'
            } />
          {noSecureCopy && (
            <div className="alert alert-warning">
              <p>This machine has no keychain, so copying keys will be refused until you opt in to the file above. Linking needs no secret storage.</p>
            </div>
          )}
        </>
      )}
      {flow.error?.action === 'import' && <ErrorAlert error={flow.error.error} title="Not imported" />}
      <div className="form-actions">
        {preview && preview.candidates.length > 0 && (
          <button type="button" className="button button-primary" disabled={flow.selected.size === 0} aria-busy={busy === 'import'}
            aria-disabled={busy !== null} onClick={() => void flow.importSelected()}>
            {busy === 'import' ? 'Importing…' : 'Import selected'}
          </button>
        )}
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
