import { useEffect, useRef, useState } from 'react';
import type { ProfileSummary } from '../../../shared/contract';
import { describeError } from '../components/describe-error';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeader } from '../components/PageHeader';
import { ProfileEditorPanel, type ProfileEditor } from '../components/profiles/ProfileEditorPanel';
import { ProfileList } from '../components/profiles/ProfileList';
import { PROVIDER_LABEL } from '../components/profiles/profile-labels';
import { ProfilesEmpty } from '../components/profiles/ProfilesEmpty';
import { StorageBanner } from '../components/profiles/StorageBanner';
import { useProfiles } from '../hooks/use-profiles';
import { useSecretStorage } from '../hooks/use-profiles-storage';
import { useProfileTests } from '../hooks/use-profiles-test';

/** What the last action came to; `focus` when the control that did it has gone away. */
interface Notice {
  text: string;
  focus: boolean;
}

/** What sits above the list: nothing, the add or edit form, or the import. */
type Editor = { type: 'none' } | ProfileEditor;

/** AWS and Azure credential profiles: add, import, edit, test, choose the default, delete. */
export function ProfilesPage() {
  const profiles = useProfiles();
  const secretStorage = useSecretStorage();
  const { tests, test, forget } = useProfileTests(profiles.reload);
  const [editor, setEditor] = useState<Editor>({ type: 'none' });
  const [notice, setNotice] = useState<Notice | null>(null);
  const editorRef = useRef<HTMLDivElement>(null);

  // The form opens above the list, so bring it (and keyboard focus) to the user who asked for it.
  const editorKey = editor.type === 'edit' ? editor.profile.id : editor.type;
  useEffect(() => {
    if (editorKey === 'none') return;
    editorRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    editorRef.current?.focus({ preventScroll: true });
  }, [editorKey]);

  // After a save, import or delete the control used is gone, so focus the notice saying what happened.
  const noticeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (notice?.focus) noticeRef.current?.focus();
  }, [notice]);

  const open = (next: Editor) => {
    setNotice(null);
    setEditor(next);
  };
  const done = (message: string) => {
    setEditor({ type: 'none' });
    setNotice({ text: message, focus: true });
    profiles.reload();
  };

  const all = profiles.profiles ?? [];
  const empty = profiles.profiles !== undefined && all.length === 0 && editor.type === 'none';
  const actions = (
    <>
      <button type="button" className="button button-primary" onClick={() => open({ type: 'add' })}>
        Add profile
      </button>
      <button type="button" className="button" onClick={() => open({ type: 'import' })}>
        Import from AWS files
      </button>
    </>
  );

  return (
    <>
      <PageHeader title="Profiles" description="The AWS and Azure identities Skylift deploys and tests with." actions={empty ? undefined : actions} />
      <div aria-live="polite">
        {notice && (
          <p ref={noticeRef} tabIndex={-1} className="alert alert-ok profiles-notice" role="status" data-testid="profiles-notice">
            {notice.text}
          </p>
        )}
      </div>
      <div className="panel-stack">
        {/* The add and edit forms carry this banner (and its opt-in) themselves, next to Save. */}
        {secretStorage.storage && editor.type !== 'add' && editor.type !== 'edit' && (
          <StorageBanner storage={secretStorage.storage} busy={secretStorage.busy} error={secretStorage.error} setFileOptIn={(on) => void secretStorage.setFileOptIn(on)} />
        )}
        {secretStorage.loadError !== undefined && (
          <ErrorAlert error={describeError(secretStorage.loadError)} title="Could not tell where secrets are kept" />
        )}
        {editor.type !== 'none' && (
          <div ref={editorRef} tabIndex={-1} className="profile-editor">
            <ProfileEditorPanel editor={editor} profiles={all} secretStorage={secretStorage} cancel={() => open({ type: 'none' })}
              done={(message) => {
                if (editor.type === 'edit') forget(editor.profile.id);
                done(message);
              }} />
          </div>
        )}
        {profiles.error !== undefined && (
          <ErrorAlert error={describeError(profiles.error)} title="Could not load the profiles">
            <button type="button" className="button" onClick={profiles.reload}>
              Try again
            </button>
          </ErrorAlert>
        )}
        {profiles.profiles === undefined && profiles.error === undefined && <p className="muted">Loading profiles…</p>}
        {empty && <ProfilesEmpty onAdd={() => open({ type: 'add' })} onImport={() => open({ type: 'import' })} />}
        {all.length > 0 && (
          <ProfileList byProvider={profiles.byProvider} all={all} tests={tests}
            actions={{
              test: (id) => {
                setNotice(null);
                void test(id);
              },
              edit: (profile) => open({ type: 'edit', profile }),
              makeDefault: async (profile) => {
                setNotice(null);
                await profiles.makeDefault(profile.id);
                setNotice({ text: `${profile.name} is now the default ${PROVIDER_LABEL[profile.provider]} profile.`, focus: false });
              },
              remove: async (profile) => {
                setNotice(null);
                await profiles.remove(profile.id);
                setEditor((current) => (current.type === 'edit' && current.profile.id === profile.id ? { type: 'none' } : current));
                setNotice({ text: `Deleted profile ${profile.name}.`, focus: true });
              },
            }} />
        )}
      </div>
    </>
  );
}
