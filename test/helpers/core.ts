import path from 'node:path';
import { createCore, type Core, type CoreDeps } from '../../main/core/core';

/** A real core on a temp data dir: real SQLite file, real engine settings. */
export function testCore(dataDir: string, env: NodeJS.ProcessEnv = process.env, extra: Partial<CoreDeps> = {}): Core {
  return createCore({
    data: { dataDir, databasePath: path.join(dataDir, 'skylift.db'), source: 'SKYLIFT_HOME' },
    mode: 'browser',
    version: '0.0.0-test',
    resourcesDir: path.resolve('resources'),
    env,
    hostDriverVersion: async () => null,
    ...extra,
  });
}

/** A contract call through core's dispatch, as the UI makes it; an error envelope throws with its code. */
export async function callOrThrow<T>(core: Core, channel: string, input: unknown): Promise<T> {
  const envelope = await core.dispatch(channel, input);
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}
