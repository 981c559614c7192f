import path from 'node:path';
import { createCore, type Core } from '../core/core';
import { createErrorLog } from '../core/log';
import { resolveDataLocation } from '../core/paths';
import { skyliftVersion } from '../core/version';

/** The core as the CLI and browser mode use it: data in the user's data dir, errors to the log file. */
export function openCliCore(): Core {
  const data = resolveDataLocation();
  const log = createErrorLog(data.dataDir);
  // dist/cli.cjs → resources/ at the package root
  return createCore({ data, mode: 'browser', version: skyliftVersion, resourcesDir: path.join(__dirname, '..', 'resources'), logError: log.error });
}
