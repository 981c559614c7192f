import type { AppInfo, DataLocation } from '../../shared/contract';
import type { EngineService } from './engine/engine-service';
import type { EventBus } from './events';
import type { JobRunner } from './jobs/job-runner';
import type { JobStore } from './jobs/job-store';
import type { SettingsStore } from './settings/settings-store';
import type { RunStore } from './runs/run-store';
import type { PayloadStore } from './runs/payloads';
import type { ProfileService } from './profiles/profile-service';
import type { DeploymentStore } from './deployments/deployment-store';
import type { SafeStorageCipher, SecretVault } from './profiles/secrets/secret-vault';

export interface CoreDeps {
  data: DataLocation;
  mode: AppInfo['mode'];
  version: string;
  /** resources/: runtime adapter, compat table, samples. */
  resourcesDir: string;
  env?: NodeJS.ProcessEnv;
  /** Where unexpected errors go with their stacks (a log file), never to the user. */
  logError?: (context: string, error: unknown) => void;
  hostDriverVersion?: () => Promise<string | null>;
  /** The OS's folder picker; only the Electron app has one. */
  chooseFolder?: (title: string) => Promise<string | null>;
  /** Electron's safeStorage, where the app has it; browser mode and the CLI use the system keyring. */
  safeStorage?: SafeStorageCipher;
  /** Replaces the vault core would make (tests that need a keychain where none exists). */
  secretVault?: SecretVault;
}

export interface CoreServices {
  deps: CoreDeps;
  bus: EventBus;
  engine: EngineService;
  settings: SettingsStore;
  jobs: JobRunner;
  jobStore: JobStore;
  runStore: RunStore;
  payloads: PayloadStore;
  profiles: ProfileService;
  /** What is live where: one row per release of a deployment. */
  deployments: DeploymentStore;
}
