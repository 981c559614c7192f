import fs from 'node:fs';
import type { AppInfo, CallHandlers, DataLocation } from '../../shared/contract';
import { createDispatch, type Dispatch } from './dispatch';
import { EngineService } from './engine/engine-service';
import { EventBus } from './events';
import { JobRunner } from './jobs/job-runner';
import { JobStore } from './jobs/job-store';
import { SettingsStore } from './settings/settings-store';
import { openDatabase, type Db } from './store/database';

export interface CoreDeps {
  data: DataLocation;
  mode: AppInfo['mode'];
  version: string;
  env?: NodeJS.ProcessEnv;
  /** Where unexpected errors go with their stacks (a log file), never to the user. */
  logError?: (context: string, error: unknown) => void;
  hostDriverVersion?: () => Promise<string | null>;
}

export interface Core {
  dispatch: Dispatch;
  handlers: CallHandlers;
  bus: EventBus;
  jobs: JobRunner;
  engine: EngineService;
  settings: SettingsStore;
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
  const engine = new EngineService({ endpointSetting: () => settings.get().engine, env: deps.env, hostDriverVersion: deps.hostDriverVersion });

  const handlers: CallHandlers = {
    app: {
      info: async () => ({ version: deps.version, mode: deps.mode, platform: `${process.platform}-${process.arch}`, data: deps.data }),
    },
    engine: {
      status: () => engine.status(),
      test: ({ endpoint }) => engine.test(endpoint),
    },
    settings: {
      get: async () => settings.get(),
      update: async (patch) => settings.update(patch),
    },
    jobs: {
      list: async ({ limit }) => jobStore.list(limit),
      get: async ({ jobId }) => jobs.get(jobId),
      events: async ({ jobId, afterSeq }) => jobStore.events(jobId, afterSeq),
      cancel: ({ jobId }) => jobs.cancel(jobId),
    },
  };

  const dispatch = createDispatch(handlers, (channel, error) => deps.logError?.(`call ${channel}`, error));

  return {
    dispatch,
    handlers,
    bus,
    jobs,
    engine,
    settings,
    db,
    async close() {
      await jobs.cancelAll();
      db.close();
    },
  };
}
