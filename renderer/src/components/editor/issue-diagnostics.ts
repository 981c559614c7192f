import type { Diagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import type { ProjectIssue } from '../../../../shared/project/parse';

/** The same issues the list shows, as editor diagnostics: from the issue's line:column to the end of that line. */
export function issueDiagnostics(doc: Text, issues: readonly ProjectIssue[]): Diagnostic[] {
  return issues.map((issue) => {
    const from = issueOffset(doc, issue);
    return { from, to: doc.lineAt(from).to, severity: 'error', message: issue.path ? `${issue.path}: ${issue.message}` : issue.message };
  });
}

/** The document offset of an issue's line and column, clamped to the text. */
export function issueOffset(doc: Text, issue: Pick<ProjectIssue, 'line' | 'column'>): number {
  const line = doc.line(Math.min(Math.max(issue.line, 1), doc.lines));
  return Math.min(line.from + Math.max(issue.column - 1, 0), line.to);
}
