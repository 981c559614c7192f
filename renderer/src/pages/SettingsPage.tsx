import { skylift } from '../api/client';
import { describeError } from '../components/describe-error';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeader } from '../components/PageHeader';
import { Panel } from '../components/Panel';
import { DataLocationPanel } from '../components/settings/DataLocationPanel';
import { EngineSettingsForm } from '../components/settings/EngineSettingsForm';
import { LocalTestSettingsForm } from '../components/settings/LocalTestSettingsForm';
import { NotificationSettings } from '../components/settings/NotificationSettings';
import { useAsync } from '../hooks/use-async';

export function SettingsPage() {
  const settings = useAsync(() => skylift.api.settings.get({}));
  const info = useAsync(() => skylift.api.app.info({}));

  return (
    <>
      <PageHeader title="Settings" />
      <div className="panel-stack">
        <Panel title="Docker engine">
          {settings.data ? (
            <EngineSettingsForm initial={settings.data.engine} />
          ) : settings.error !== undefined ? (
            <LoadError error={settings.error} what="settings" retry={settings.reload} />
          ) : (
            <p className="muted">Loading settings…</p>
          )}
        </Panel>
        {settings.data && (
          <Panel title="Local test">
            <LocalTestSettingsForm initial={settings.data} />
          </Panel>
        )}
        <NotificationSettings />
        {info.data ? (
          <DataLocationPanel info={info.data} />
        ) : info.error !== undefined ? (
          <LoadError error={info.error} what="where Skylift keeps its data" retry={info.reload} />
        ) : null}
      </div>
    </>
  );
}

function LoadError({ error, what, retry }: { error: unknown; what: string; retry: () => void }) {
  return (
    <ErrorAlert error={describeError(error)} title={`Could not load ${what}`}>
      <button type="button" className="button" onClick={retry}>
        Try again
      </button>
    </ErrorAlert>
  );
}
