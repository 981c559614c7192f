import { useDeferredValue, useMemo, useRef } from 'react';
import { parseProjectYaml } from '../../../../shared/project/parse';
import type { ProjectConfig } from '../../../../shared/project/schema';
import { Panel } from '../Panel';
import { ConfigSummary } from './ConfigSummary';
import { YamlEditor } from './YamlEditor';

interface ProjectEditorProps {
  /** The folder this text belongs to: the summary of one project's last valid text is never shown for another. */
  projectDir: string;
  draft: string;
  onChange: (text: string) => void;
  dirty: boolean;
  saving: boolean;
  justSaved: boolean;
  onSave: () => void;
}

/** The editor beside what it means: live issues under the text, the parsed config in a summary, Save only when valid. */
export function ProjectEditor({ projectDir, draft, onChange, dirty, saving, justSaved, onSave }: ProjectEditorProps) {
  // Parsing is cheap, but deferring it keeps typing smooth on a slow machine.
  const text = useDeferredValue(draft);
  const parsed = useMemo(() => parseProjectYaml(text), [text]);
  const lastValid = useRef<{ dir: string; config: ProjectConfig } | null>(null);
  if (parsed.ok) lastValid.current = { dir: projectDir, config: parsed.config };
  const earlier = lastValid.current?.dir === projectDir ? lastValid.current.config : null;
  const valid = parsed.ok && text === draft;

  return (
    <div className="editor-grid">
      <Panel title="Configuration">
        <YamlEditor text={draft} onChange={onChange} issues={parsed.ok ? [] : parsed.issues} />
        <div className="form-actions editor-actions">
          <button type="button" className="button button-primary" data-testid="project-save" disabled={!valid || !dirty}
            aria-busy={saving} aria-disabled={saving} onClick={() => !saving && onSave()}>
            {saving ? 'Saving…' : 'Save'}
          </button>
          <span className="muted" role="status" data-testid="project-save-status">
            {justSaved ? 'Saved.' : !parsed.ok ? 'Fix the problems to save.' : dirty ? 'Unsaved changes' : 'No changes'}
          </span>
        </div>
      </Panel>
      <Panel title="Summary">
        <ConfigSummary config={parsed.ok ? parsed.config : earlier} stale={!parsed.ok} />
      </Panel>
    </div>
  );
}
