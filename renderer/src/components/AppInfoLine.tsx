import { skylift } from '../api/client';
import { useAsync } from '../hooks/use-async';

const MODE_LABEL = { electron: 'Desktop app', browser: 'Browser mode' } as const;

/** "Skylift 0.1.0 / Browser mode", from the core, so it names the version actually running. */
export function AppInfoLine() {
  const info = useAsync(() => skylift.api.app.info({}));
  if (!info.data) return <p className="app-info">{info.error !== undefined ? 'Version unknown' : '\u00a0'}</p>;
  return (
    <p className="app-info">
      <span>Skylift {info.data.version}</span>
      <span>{MODE_LABEL[info.data.mode]}</span>
    </p>
  );
}
