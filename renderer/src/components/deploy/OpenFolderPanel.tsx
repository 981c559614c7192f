import { useState } from 'react';
import { Panel } from '../Panel';
import { TextField } from '../TextField';
import { BrowseButton } from './BrowseButton';

interface OpenFolderPanelProps {
  initialDir: string;
  busy: boolean;
  onOpen: (dir: string) => void;
}

/** Open an existing project by its folder path (typed, so it works in the desktop app and in a browser alike). */
export function OpenFolderPanel({ initialDir, busy, onOpen }: OpenFolderPanelProps) {
  const [dir, setDir] = useState(initialDir);
  const open = () => !busy && dir.trim() && onOpen(dir);
  return (
    <Panel title="Open a project">
      <div className="deploy-form">
        <TextField label="Project folder" value={dir} onChange={setDir} testId="project-dir" placeholder="/home/me/models/classifier"
          hint="The folder that holds skylift.yaml, or your model code if it has none yet." onEnter={open} />
        <div className="form-actions">
          <BrowseButton title="Open a model project" onPicked={(picked) => {
            setDir(picked);
            onOpen(picked);
          }} />
          <button type="button" className="button button-primary" data-testid="project-open" aria-busy={busy}
            aria-disabled={busy || !dir.trim()} onClick={open}>
            {busy ? 'Opening…' : 'Open'}
          </button>
        </div>
      </div>
    </Panel>
  );
}
