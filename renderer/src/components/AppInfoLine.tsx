import { skylift } from '../api/client';
import { useAsync } from '../hooks/use-async';

const MODE_LABEL = { electron: 'desktop app', browser: 'browser mode' } as const;

/** "Skylift 0.1.0 · browser mode", from the core, so it names the version actually running. */
export function AppInfoLine() {
  const info = useAsync(() => skylift.api.app.info({}));
  if (!info.data) return <p className="app-info">{info.error ? 'Skylift · version unknown' : 'Skylift'}</p>;
  return (
    <p className="app-info">
      Skylift {info.data.version} · {MODE_LABEL[info.data.mode]}
    </p>
  );
}
