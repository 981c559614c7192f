import fs from 'node:fs';
import type { CallHandlers } from '../../shared/contract';
import { BuildService } from './build/build-service';
import { createDispatch, type Dispatch } from './dispatch';
import { EngineService } from './engine/engine-service';
import { readHostDriverVersion } from './engine/gpu';
import { EventBus } from './events';
import { createHandlers } from './handlers';
import { JobRunner } from './jobs/job-runner';
import { JobStore } from './jobs/job-store';
import { SettingsStore } from './settings/settings-store';
import type { CoreDeps, CoreServices } from './core-types';

export type { CoreDeps, CoreServices } from './core-types';
import { openDatabase, type Db } from './store/database';

export interface Core extends CoreServices {
  dispatch: Dispatch;
  handlers: CallHandlers;
  builds: BuildService;
  db: Db;
  close(): Promise<void>;
}

/** Builds the whole Node core from its dependencies; the Electron app, browser mode and the CLI each make one. */
export function createCore(deps: CoreDeps): Core {
  fs.mkdirSync(deps.data.dataDir, { recursive: true, mode: 0o700 });
  const db = openDatabase(deps.data.databasePath);
  const bus = new EventBus();
  const settings = new SettingsStore(db);
  const jobStore = new JobStore(db);
  const jobs = new JobRunner({ store: jobStore, bus });
  jobs.sweepInterrupted();
  const hostDriverVersion = deps.hostDriverVersion ?? readHostDriverVersion;
  const engine = new EngineService({ endpointSetting: () => settings.get().engine, env: deps.env, hostDriverVersion });
  const builds = new BuildService({ engine, jobs, resourcesDir: deps.resourcesDir, skyliftVersion: deps.version, hostDriverVersion });
  const services: CoreServices = { deps, bus, engine, settings, jobs, jobStore };
  const handlers = createHandlers({ ...services, builds });
  const dispatch = createDispatch(handlers, (channel, error) => deps.logError?.(`call ${channel}`, error));

  return {
    ...services,
    builds,
    dispatch,
    handlers,
    db,
    async close() {
      await jobs.cancelAll();
      db.close();
    },
  };
}
