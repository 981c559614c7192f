import os from 'node:os';
import path from 'node:path';
import type { DataLocation } from '../../shared/contract';

export interface DataDirOptions {
  env?: NodeJS.ProcessEnv;
  /** Electron's app.getPath('userData'); absent in browser mode and the CLI. */
  electronUserData?: string;
  homeDir?: string;
}

/** SKYLIFT_HOME wins; then Electron's userData; then the XDG data dir; then ~/.local/share. */
export function resolveDataLocation(options: DataDirOptions = {}): DataLocation {
  const env = options.env ?? process.env;
  const home = options.homeDir ?? os.homedir();
  const pick = (): Pick<DataLocation, 'dataDir' | 'source'> => {
    if (env.SKYLIFT_HOME) return { dataDir: path.resolve(env.SKYLIFT_HOME), source: 'SKYLIFT_HOME' };
    if (options.electronUserData) return { dataDir: options.electronUserData, source: 'electron-userData' };
    if (env.XDG_DATA_HOME) return { dataDir: path.join(env.XDG_DATA_HOME, 'skylift'), source: 'XDG_DATA_HOME' };
    return { dataDir: path.join(home, '.local', 'share', 'skylift'), source: 'home' };
  };
  const chosen = pick();
  return { ...chosen, databasePath: path.join(chosen.dataDir, 'skylift.db') };
}
