import type { ProfileSummary } from '../../../../shared/contract';
import type { SecretStorageControl } from '../../hooks/use-profiles-storage';
import { Panel } from '../Panel';
import { ImportPanel } from './ImportPanel';
import { ProfileForm } from './ProfileForm';

export type ProfileEditor = { type: 'add' } | { type: 'edit'; profile: ProfileSummary } | { type: 'import' };

const names = (profiles: ProfileSummary[]) => profiles.map((p) => p.name).join(', ');

interface ProfileEditorPanelProps {
  editor: ProfileEditor;
  profiles: ProfileSummary[];
  secretStorage: SecretStorageControl;
  done: (message: string) => void;
  cancel: () => void;
}

/** The add form, an edit form or the import, in a panel titled for what it does. */
export function ProfileEditorPanel({ editor, profiles, secretStorage, done, cancel }: ProfileEditorPanelProps) {
  switch (editor.type) {
    case 'add':
      return (
        <Panel title="Add profile">
          <ProfileForm editing={null} profiles={profiles} secretStorage={secretStorage} onSaved={(p) => done(`Added profile ${p.name}.`)} onCancel={cancel} />
        </Panel>
      );
    case 'edit':
      return (
        <Panel title={`Edit profile ${editor.profile.name}`}>
          <ProfileForm key={editor.profile.id} editing={editor.profile} profiles={profiles} secretStorage={secretStorage}
            onSaved={(p) => done(`Saved profile ${p.name}.`)} onCancel={cancel} />
        </Panel>
      );
    case 'import':
      return (
        <Panel title="Import from AWS files">
          <ImportPanel storage={secretStorage.storage} onImported={(imported) => done(`Imported ${names(imported)}.`)} onCancel={cancel} />
        </Panel>
      );
  }
}
