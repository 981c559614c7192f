import { PathText } from '../PathText';

interface MissingProjectProps {
  dir: string;
  busy: boolean;
  onPropose: () => void;
}

/** The folder exists but has no skylift.yaml: offer a proposal read from its requirements and code. */
export function MissingProject({ dir, busy, onPropose }: MissingProjectProps) {
  return (
    <div className="alert alert-info" data-testid="project-missing">
      <p className="alert-title">
        No skylift.yaml in <code><PathText text={dir} /></code>
      </p>
      <p>Skylift can propose one from requirements.txt, pyproject.toml and your Python files. You review it, then save.</p>
      <button type="button" className="button button-primary" data-testid="project-propose" aria-busy={busy} aria-disabled={busy}
        onClick={() => !busy && onPropose()}>
        {busy ? 'Proposing…' : 'Propose skylift.yaml'}
      </button>
    </div>
  );
}
