import type { ProjectIssue } from '../../../../shared/project/parse';

interface ProjectIssuesProps {
  issues: readonly ProjectIssue[];
  /** Moves the editor's caret to the issue. */
  onPick: (issue: ProjectIssue) => void;
}

/** The live validation result: every problem with its place, each one a button that goes there. */
export function ProjectIssues({ issues, onPick }: ProjectIssuesProps) {
  return (
    <div className="project-issues" data-testid="project-issues" aria-live="polite">
      {issues.length === 0 ? (
        <p className="issues-ok">No problems: skylift.yaml is valid.</p>
      ) : (
        <>
          <p className="issues-title">
            {issues.length} problem{issues.length === 1 ? '' : 's'}
          </p>
          <ul className="issue-list">
            {issues.map((issue, index) => (
              <li key={index}>
                <button type="button" className="issue" onClick={() => onPick(issue)}>
                  <span className="issue-place">
                    line {issue.line}, col {issue.column}
                  </span>
                  {' — '}
                  {issue.path && <code>{issue.path}</code>}
                  {issue.path && ': '}
                  {issue.message}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
