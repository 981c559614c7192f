import path from 'node:path';
import { createCore, type Core } from '../core/core';
import { createErrorLog } from '../core/log';
import { resolveDataLocation } from '../core/paths';
import { skyliftVersion } from '../core/version';

/** The core as the CLI and browser mode use it: data in the user's data dir, errors to the log file. */
export function openCliCore(): Core {
  const data = resolveDataLocation();
  const log = createErrorLog(data.dataDir);
  return createCore({ data, mode: 'browser', version: skyliftVersion, resourcesDir: resourcesDir(), logError: log.error });
}

/** dist/cli.cjs → resources/ at the package root. */
export const resourcesDir = (): string => path.join(__dirname, '..', 'resources');
