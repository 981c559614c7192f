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
import { instanceId } from './run/labels';
import { RunService } from './run/run-service';
import { sweepLeftoverContainers } from './run/sweep';
import { sweepLeftoverHolds } from './images/build-hold';
import { PayloadStore } from './runs/payloads';
import { RunStore } from './runs/run-store';
import { ProfileService } from './profiles/profile-service';
import { ProfileStore } from './profiles/profile-store';
import { DeploymentStore } from './deployments/deployment-store';
import { DeployService } from './deployments/deploy-service';
import { createSecretVault } from './profiles/secrets/create-vault';
import { redactor } from './redact';
import type { CoreDeps, CoreServices } from './core-types';

export type { CoreDeps, CoreServices } from './core-types';
import { openDatabase, type Db } from './store/database';

export interface Core extends CoreServices {
  dispatch: Dispatch;
  handlers: CallHandlers;
  builds: BuildService;
  runService: RunService;
  /** Publishing: plans, and deploy/verify/rollback/destroy jobs over the targets' cloud operations. */
  deploys: DeployService;
  /** Containers a previous, dead Skylift left behind, removed at start-up (engine permitting). */
  startupSweep: Promise<string[]>;
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
  const jobs = new JobRunner({ store: jobStore, bus, redact: redactor.redact, logError: deps.logError });
  jobs.sweepInterrupted();
  const hostDriverVersion = deps.hostDriverVersion ?? readHostDriverVersion;
  const engine = new EngineService({ endpointSetting: () => settings.get().engine, env: deps.env, hostDriverVersion });
  const builds = new BuildService({ engine, jobs, resourcesDir: deps.resourcesDir, skyliftVersion: deps.version, hostDriverVersion, dataDir: deps.data.dataDir });
  const runStore = new RunStore(db);
  const payloads = new PayloadStore(db);
  const instance = instanceId(deps.data.dataDir);
  const env = deps.env ?? process.env;
  const vault = deps.secretVault ?? createSecretVault({ dataDir: deps.data.dataDir, safeStorage: deps.safeStorage, env });
  const profiles = new ProfileService({ store: new ProfileStore(db), vault, redactor, env });
  const isLive = (jobId: string) => ['queued', 'running'].includes(jobStore.get(jobId)?.state ?? '');
  // Bench runs of the jobs swept above keep what reached the store, marked interrupted and partial.
  runStore.sweepInterrupted(isLive);
  // Housekeeping must not hold up start-up or close() when the engine is down or far away.
  const startupSweep = Promise.resolve()
    .then(() => sweepLeftoverContainers(engine.connect({ timeoutMs: 5000 }).docker, instance, isLive))
    .then(async (swept) => [...swept, ...(await sweepLeftoverHolds(engine.connect({ timeoutMs: 5000 }).docker).catch(() => []))])
    .catch(() => [] as string[]);
  const deployments = new DeploymentStore(db);
  const runService = new RunService({ engine, jobs, runs: runStore, payloads, instance, maxLambdaEnvironments: () => settings.get().lambdaMaxEnvironments, localStartupTimeoutSeconds: () => settings.get().localStartupTimeoutSeconds, profiles, deployments, builds, jobStore });
  const services: CoreServices = { deps, bus, engine, settings, jobs, jobStore, runStore, payloads, profiles, deployments };
  const deploys = new DeployService({ engine, profiles, deployments, jobs, runs: runStore, payloads, invokeLocal: (input, job) => runService.invokeOnce(input, job) });
  const handlers = createHandlers({ ...services, builds, runService, deploys });
  const dispatch = createDispatch(handlers, (channel, error) => deps.logError?.(`call ${channel}`, error), redactor.redact);

  return {
    ...services,
    builds,
    runService,
    deploys,
    startupSweep,
    dispatch,
    handlers,
    db,
    async close() {
      await startupSweep;
      await jobs.cancelAll();
      db.close();
    },
  };
}
