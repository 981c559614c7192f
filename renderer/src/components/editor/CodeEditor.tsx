import { autocompletion, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import type { ProjectIssue } from '../../../../shared/project/parse';
import { issueDiagnostics, issueOffset } from './issue-diagnostics';
import { yamlKeyCompletion } from './yaml-keys';

interface CodeEditorProps {
  text: string;
  onChange: (text: string) => void;
  issues: readonly ProjectIssue[];
  /** The accessible name (ids do not cross the shadow root, so no aria-labelledby). */
  label: string;
  testId: string;
}

export interface CodeEditorHandle {
  /** Puts the caret on the issue and scrolls it into view. */
  goTo: (issue: Pick<ProjectIssue, 'line' | 'column'>) => void;
}

const theme = EditorView.theme({
  '&': { height: '28rem', border: '1px solid var(--border, #ccc)', borderRadius: '6px', fontSize: '13px' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', overflow: 'auto' },
});

/** skylift.yaml in CodeMirror: YAML highlighting, line numbers, the issues in the gutter, key completion from the schema. */
export const CodeEditor = forwardRef<CodeEditorHandle, CodeEditorProps>(function CodeEditor({ text, onChange, issues, label, testId }, ref) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latestOnChange = useRef(onChange);
  latestOnChange.current = onChange;

  useEffect(() => {
    // The page's CSP (style-src 'self') refuses the <style> elements CodeMirror adds to a document;
    // in a shadow root it uses constructed stylesheets, which the CSP allows.
    const shadow = host.current!.shadowRoot ?? host.current!.attachShadow({ mode: 'open' });
    const parent = document.createElement('div');
    shadow.replaceChildren(parent);
    const created = new EditorView({
      root: shadow,
      parent,
      state: EditorState.create({
        doc: text,
        extensions: [
          lineNumbers(), history(), highlightActiveLine(), yaml(), syntaxHighlighting(defaultHighlightStyle), lintGutter(),
          autocompletion({ override: [yamlKeyCompletion] }), keymap.of([...completionKeymap, ...historyKeymap, ...defaultKeymap, indentWithTab]),
          EditorState.tabSize.of(2), theme,
          EditorView.contentAttributes.of({ 'aria-label': label, 'data-testid': testId, spellcheck: 'false', autocapitalize: 'off' }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) latestOnChange.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = created;
    return () => created.destroy();
    // The view is made once; later text arrives through the effect below.
  }, []);

  // A new text from outside (open, propose, save) replaces the document; the user's own typing already matches it.
  useEffect(() => {
    const current = view.current;
    if (current && current.state.doc.toString() !== text) current.dispatch({ changes: { from: 0, to: current.state.doc.length, insert: text } });
  }, [text]);

  useEffect(() => {
    const current = view.current;
    if (current) current.dispatch(setDiagnostics(current.state, issueDiagnostics(current.state.doc, issues)));
  }, [issues, text]);

  useImperativeHandle(ref, () => ({
    goTo: (issue) => {
      const current = view.current;
      if (!current) return;
      const at = issueOffset(current.state.doc, issue);
      current.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: 'center' }) });
      current.focus();
    },
  }));

  return <div ref={host} className="code-editor-host" aria-invalid={issues.length > 0 ? true : undefined} />;
});
