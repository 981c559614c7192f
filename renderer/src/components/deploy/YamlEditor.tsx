import { useId, useRef } from 'react';
import type { ProjectIssue } from '../../../../shared/project/parse';
import { CodeEditor, type CodeEditorHandle } from '../editor/CodeEditor';
import { ProjectIssues } from './ProjectIssues';

interface YamlEditorProps {
  text: string;
  onChange: (text: string) => void;
  issues: readonly ProjectIssue[];
}

/** skylift.yaml in a code editor, validated as the user types; picking an issue puts the caret on it. */
export function YamlEditor({ text, onChange, issues }: YamlEditorProps) {
  const id = useId();
  const editor = useRef<CodeEditorHandle>(null);
  return (
    <div className="yaml-editor">
      <span className="field-label" aria-hidden="true">
        skylift.yaml
      </span>
      <CodeEditor ref={editor} text={text} onChange={onChange} issues={issues} label="skylift.yaml" testId="project-yaml" />
      <div id={`${id}-issues`}>
        <ProjectIssues issues={issues} onPick={(issue) => editor.current?.goTo(issue)} />
      </div>
    </div>
  );
}
