import { randomBytes } from 'node:crypto';
import { DEFAULT_REGION } from './identity';
import type { LambdaFunctionSettings } from './types';

/** What the image itself declares, from the engine's image inspect. */
export interface ImageDefaults {
  /** The image's CMD: for a container image, Lambda's handler setting. */
  cmd: readonly string[];
  /** The image's ENV, as KEY=value strings. */
  env: readonly string[];
  workingDir: string;
}

/**
 * Lambda's defaults for the unreserved variables (LANG, PATH, LD_LIBRARY_PATH), and the reserved
 * paths, as AWS's Runtime Interface Emulator writes them (rapidcore/env/environment.go).
 */
const LAMBDA_DEFAULTS = {
  LANG: 'en_US.UTF-8',
  PATH: '/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin',
  LD_LIBRARY_PATH: '/var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:/var/task/lib:/opt/lib',
  LAMBDA_RUNTIME_DIR: '/var/runtime',
  LAMBDA_TASK_ROOT: '/var/task',
} as const;

/**
 * The variables Lambda defines for a function packaged as a container image ("Defined runtime
 * environment variables" in the Lambda developer guide; the emulator's SetupEnvironment), so a
 * runtime AWS wrote finds everything it reads at start-up. Where the image declares a path or an
 * unreserved variable itself, its value stands: the image is where its code and libraries are.
 * No credentials: Skylift has no execution role to take them from, and invents none.
 */
export function lambdaEnvironment(settings: LambdaFunctionSettings, image: ImageDefaults, runtimeApi: string, now = new Date()): Record<string, string> {
  const declared = parseEnv(image.env);
  const region = settings.region ?? DEFAULT_REGION;
  const fromImage = (name: keyof typeof LAMBDA_DEFAULTS) => declared.get(name) || LAMBDA_DEFAULTS[name];
  return {
    AWS_LAMBDA_RUNTIME_API: runtimeApi,
    _HANDLER: image.cmd.join(' ') || declared.get('SKYLIFT_MODEL') || '',
    AWS_EXECUTION_ENV: declared.get('AWS_EXECUTION_ENV') || 'AWS_Lambda_Image',
    AWS_LAMBDA_FUNCTION_NAME: settings.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(settings.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${settings.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName(now),
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
    TZ: ':UTC',
    LAMBDA_TASK_ROOT: declared.get('LAMBDA_TASK_ROOT') || image.workingDir || LAMBDA_DEFAULTS.LAMBDA_TASK_ROOT,
    LAMBDA_RUNTIME_DIR: fromImage('LAMBDA_RUNTIME_DIR'),
    LANG: fromImage('LANG'),
    PATH: fromImage('PATH'),
    LD_LIBRARY_PATH: fromImage('LD_LIBRARY_PATH'),
  };
}

/** One stream per execution environment: `2026/01/31/[$LATEST]` and 32 hex digits, as Lambda names them. */
export function logStreamName(now: Date): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '/');
  return `${day}/[$LATEST]${randomBytes(16).toString('hex')}`;
}

function parseEnv(entries: readonly string[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const entry of entries) {
    const at = entry.indexOf('=');
    if (at > 0) values.set(entry.slice(0, at), entry.slice(at + 1));
  }
  return values;
}
