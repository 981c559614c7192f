import type { AppInfo, DataLocation } from '../../../../shared/contract';
import { Facts } from '../Facts';
import { Panel } from '../Panel';

const SOURCE_LABEL: Record<DataLocation['source'], string> = {
  SKYLIFT_HOME: 'The SKYLIFT_HOME environment variable',
  'electron-userData': 'The desktop app’s user data folder',
  XDG_DATA_HOME: 'The XDG_DATA_HOME environment variable',
  home: 'The default folder in your home folder',
};

/** Where Skylift keeps its files, so a user can find and back them up. */
export function DataLocationPanel({ info }: { info: AppInfo }) {
  const { data } = info;
  return (
    <Panel title="Where data lives">
      <Facts
        facts={[
          { label: 'Data folder', value: data.dataDir, code: true, testId: 'data-dir' },
          { label: 'Database file', value: data.databasePath, code: true },
          { label: 'Chosen by', value: SOURCE_LABEL[data.source] },
        ]}
      />
      <p className="panel-note">Set SKYLIFT_HOME to keep Skylift’s data elsewhere; it overrides every other choice.</p>
    </Panel>
  );
}
