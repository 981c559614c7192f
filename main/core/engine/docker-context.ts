import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface DockerContextEndpoint {
  name: string;
  host: string;
  skipTlsVerify: boolean;
  /** Folder with ca.pem/cert.pem/key.pem when the context stores TLS material. */
  tlsDir?: string;
}

/** The docker CLI's config folder: DOCKER_CONFIG, else ~/.docker. */
export function dockerConfigDir(env: NodeJS.ProcessEnv, homeDir = os.homedir()): string {
  return env.DOCKER_CONFIG || path.join(homeDir, '.docker');
}

/**
 * Reads the current docker context the way the docker CLI does: DOCKER_CONTEXT, else
 * `currentContext` in config.json. Returns undefined for the built-in "default" context.
 */
export function readCurrentDockerContext(env: NodeJS.ProcessEnv, homeDir?: string): DockerContextEndpoint | undefined {
  const configDir = dockerConfigDir(env, homeDir);
  const name = env.DOCKER_CONTEXT || readJson<{ currentContext?: string }>(path.join(configDir, 'config.json'))?.currentContext;
  if (!name || name === 'default') return undefined;
  const id = createHash('sha256').update(name).digest('hex');
  const meta = readJson<{ Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } } }>(
    path.join(configDir, 'contexts', 'meta', id, 'meta.json'),
  );
  const docker = meta?.Endpoints?.docker;
  if (!docker?.Host) return undefined;
  const tlsDir = path.join(configDir, 'contexts', 'tls', id, 'docker');
  return { name, host: docker.Host, skipTlsVerify: Boolean(docker.SkipTLSVerify), ...(fs.existsSync(tlsDir) ? { tlsDir } : {}) };
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}
