import { z } from 'zod';
import { engineEndpointSchema } from './engine';
import { startupTimeoutSecondsSchema } from './deadlines';
import { MAX_BENCH_CONCURRENCY } from './runs';

/**
 * How long a local or azure-functions container may take from start to ready (load() included):
 * 5 minutes leaves room to read a few GB of weights from a local disk, and still ends a hung load().
 */
export const DEFAULT_LOCAL_STARTUP_TIMEOUT_S = 300;

export const settingsSchema = z.object({
  engine: engineEndpointSchema,
  /**
   * Lambda runs one request per execution environment; a local bench at concurrency C starts C containers, up to this.
   * Up to the bench's own concurrency limit, so any C can mean C. The default stays low because each environment is
   * a container with the function's whole memory; a capped bench says so before it starts and in its run record.
   */
  lambdaMaxEnvironments: z.number({ error: 'Enter a number' }).int('Enter a whole number').min(1, 'At least 1').max(MAX_BENCH_CONCURRENCY, `At most ${MAX_BENCH_CONCURRENCY}`).default(4),
  /** Startup deadline for HTTP variants (local, azure-functions), in seconds; Lambda's init follows Lambda's own rule. */
  localStartupTimeoutSeconds: startupTimeoutSecondsSchema.default(DEFAULT_LOCAL_STARTUP_TIMEOUT_S),
});
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = { engine: { kind: 'auto' }, lambdaMaxEnvironments: 4, localStartupTimeoutSeconds: DEFAULT_LOCAL_STARTUP_TIMEOUT_S };

/** Where Skylift keeps its files, shown in Settings so a user can find and back them up. */
export const dataLocationSchema = z.object({
  dataDir: z.string(),
  databasePath: z.string(),
  /** What decided dataDir: SKYLIFT_HOME, Electron's userData, XDG_DATA_HOME or the home default. */
  source: z.enum(['SKYLIFT_HOME', 'electron-userData', 'XDG_DATA_HOME', 'home']),
});
export type DataLocation = z.infer<typeof dataLocationSchema>;

export const appInfoSchema = z.object({
  version: z.string(),
  mode: z.enum(['electron', 'browser']),
  platform: z.string(),
  data: dataLocationSchema,
});
export type AppInfo = z.infer<typeof appInfoSchema>;
