import { useState } from 'react';
import { Panel } from '../Panel';
import { BrowseButton } from './BrowseButton';
import { PathField } from './PathField';

interface OpenFolderPanelProps {
  initialDir: string;
  busy: boolean;
  onOpen: (dir: string) => void;
}

/** Open an existing project by its folder path: typed with completion from the server's folders, or (desktop app) picked in the OS dialog. */
export function OpenFolderPanel({ initialDir, busy, onOpen }: OpenFolderPanelProps) {
  const [dir, setDir] = useState(initialDir);
  const open = () => !busy && dir.trim() && onOpen(dir);
  return (
    <Panel title="Open a project">
      <div className="deploy-form">
        <PathField label="Project folder" value={dir} onChange={setDir} testId="project-dir" placeholder="/home/me/models/classifier"
          hint="The folder that holds skylift.yaml (or the skylift.yaml itself), or your model code if it has none yet; it is a path on the machine running Skylift, completed from its folders." onEnter={open} />
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
