import { skylift } from '../../api/client';
import { useAsync } from '../../hooks/use-async';

interface BrowseButtonProps {
  title: string;
  onPicked: (path: string) => void;
}

/** "Browse…" opens the OS folder picker; only the desktop app has one, so browser mode shows nothing. */
export function BrowseButton({ title, onPicked }: BrowseButtonProps) {
  const info = useAsync(() => skylift.api.app.info({}));
  if (info.data?.mode !== 'electron') return null;
  const browse = async () => {
    const { path } = await skylift.api.app.chooseFolder({ title });
    if (path) onPicked(path);
  };
  return (
    <button type="button" className="button" data-testid="browse-folder" onClick={() => void browse()}>
      Browse…
    </button>
  );
}
