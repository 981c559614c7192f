import { useId, useRef } from 'react';
import type { ProjectIssue } from '../../../../shared/project/parse';
import { ProjectIssues } from './ProjectIssues';

interface YamlEditorProps {
  text: string;
  onChange: (text: string) => void;
  issues: readonly ProjectIssue[];
}

/** skylift.yaml as plain text, validated as the user types; picking an issue puts the caret on it. */
export function YamlEditor({ text, onChange, issues }: YamlEditorProps) {
  const id = useId();
  const textareaRef = useRef<HTMLTextAreaElement>(null);

  const goTo = ({ line, column }: ProjectIssue) => {
    const textarea = textareaRef.current;
    if (!textarea) return;
    const offset = text.split('\n').slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0) + column - 1;
    textarea.focus();
    textarea.setSelectionRange(offset, offset);
    // Put the line in view: browsers do not scroll a textarea to a caret set from script.
    textarea.scrollTop = Math.max(0, (line - 3) * parseFloat(getComputedStyle(textarea).lineHeight || '20'));
  };

  return (
    <div className="yaml-editor">
      <label className="field-label" htmlFor={id}>
        skylift.yaml
      </label>
      <textarea id={id} ref={textareaRef} className="input code-editor" data-testid="project-yaml" value={text} spellCheck={false}
        autoCapitalize="off" autoComplete="off" wrap="off" rows={22} aria-invalid={issues.length > 0 ? true : undefined}
        aria-describedby={`${id}-issues`} onChange={(event) => onChange(event.target.value)} />
      <div id={`${id}-issues`}>
        <ProjectIssues issues={issues} onPick={goTo} />
      </div>
    </div>
  );
}
