import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Dockerode from 'dockerode';
import { ErrorCode, SkyliftError, type EngineEndpoint, type ResolvedEndpoint } from '../../../shared/contract';
import { readCurrentDockerContext } from './docker-context';

export const DEFAULT_SOCKET = '/var/run/docker.sock';

export interface EndpointChoice {
  options: Dockerode.DockerOptions;
  endpoint: ResolvedEndpoint;
  /** True when the engine runs on this machine, so host tools (nvidia-smi) describe it. */
  local: boolean;
}

interface TlsFiles {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

/** Settings first; with `auto`, the docker CLI's own order: DOCKER_HOST, the current context, the default socket. */
export function resolveEndpoint(setting: EngineEndpoint, env: NodeJS.ProcessEnv = process.env, homeDir?: string): EndpointChoice {
  if (setting.kind !== 'auto') return fromSetting(setting, env, homeDir ?? os.homedir());
  if (env.DOCKER_HOST) {
    const tlsVerify = Boolean(env.DOCKER_TLS_VERIFY) && env.DOCKER_TLS_VERIFY !== '0';
    const certDir = env.DOCKER_CERT_PATH || path.join(homeDir ?? os.homedir(), '.docker');
    return fromUrl(env.DOCKER_HOST, 'DOCKER_HOST', tlsVerify ? readTls(certDir) : undefined, env);
  }
  const context = readCurrentDockerContext(env, homeDir);
  if (context) {
    const tls = context.tlsDir ? readTls(context.tlsDir) : undefined;
    const choice = fromUrl(context.host, 'docker-context', tls, env);
    return { ...choice, endpoint: { ...choice.endpoint, contextName: context.name } };
  }
  return fromUrl(`unix://${DEFAULT_SOCKET}`, 'default', undefined, env);
}

function fromSetting(setting: Exclude<EngineEndpoint, { kind: 'auto' }>, env: NodeJS.ProcessEnv, home: string): EndpointChoice {
  const expand = (file: string) => (file === '~' || file.startsWith('~/') ? path.join(home, file.slice(1)) : file);
  switch (setting.kind) {
    case 'socket':
      return fromUrl(`unix://${expand(setting.path)}`, 'settings', undefined, env);
    case 'tcp':
      return fromUrl(`tcp://${setting.host}:${setting.port}`, 'settings', setting.tls ? readTls(expand(setting.certDir || '~/.docker')) : undefined, env);
    case 'ssh': {
      const choice = fromUrl(`ssh://${setting.username}@${setting.host}:${setting.port}`, 'settings', undefined, env);
      if (setting.identityFile) {
        const privateKey = readRequired(expand(setting.identityFile), 'SSH identity file');
        choice.options.sshOptions = { ...choice.options.sshOptions, privateKey };
      }
      return choice;
    }
  }
}

export function fromUrl(raw: string, source: ResolvedEndpoint['source'], tls?: TlsFiles, env: NodeJS.ProcessEnv = process.env): EndpointChoice {
  const url = parseUrl(raw);
  const describe = (shown: string, withTls: boolean): ResolvedEndpoint => ({ url: shown, source, tls: withTls });
  switch (url.protocol) {
    case 'unix:':
      const socketPath = decodeURIComponent(url.pathname);
      return { options: { socketPath }, endpoint: describe(`unix://${socketPath}`, false), local: true };
    case 'tcp:':
    case 'http:':
    case 'https:': {
      const useTls = Boolean(tls) || url.protocol === 'https:';
      const port = Number(url.port) || (useTls ? 2376 : 2375);
      const options: Dockerode.DockerOptions = { host: url.hostname, port, protocol: useTls ? 'https' : 'http', ...(tls ?? {}) };
      return { options, endpoint: describe(`tcp://${url.hostname}:${port}`, useTls), local: isLoopback(url.hostname) };
    }
    case 'ssh:': {
      const port = Number(url.port) || 22;
      const username = decodeURIComponent(url.username) || os.userInfo().username;
      const options: Dockerode.DockerOptions = {
        protocol: 'ssh',
        host: url.hostname,
        port,
        username,
        sshOptions: env.SSH_AUTH_SOCK ? { agent: env.SSH_AUTH_SOCK } : {},
      };
      return { options, endpoint: describe(`ssh://${username}@${url.hostname}:${port}`, false), local: false };
    }
    default:
      throw new SkyliftError({
        code: ErrorCode.EngineConfig,
        message: `Unsupported Docker endpoint "${raw}".`,
        hint: 'Use unix:///path/to/docker.sock, tcp://host:port or ssh://user@host.',
      });
  }
}

function parseUrl(raw: string): URL {
  try {
    return new URL(raw);
  } catch {
    throw new SkyliftError({
      code: ErrorCode.EngineConfig,
      message: `"${raw}" is not a Docker endpoint address.`,
      hint: 'Use unix:///path/to/docker.sock, tcp://host:port or ssh://user@host.',
    });
  }
}

function readTls(dir: string): TlsFiles {
  return {
    ca: readRequired(path.join(dir, 'ca.pem'), 'TLS CA certificate'),
    cert: readRequired(path.join(dir, 'cert.pem'), 'TLS client certificate'),
    key: readRequired(path.join(dir, 'key.pem'), 'TLS client key'),
  };
}

function readRequired(file: string, what: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch {
    throw new SkyliftError({
      code: ErrorCode.EngineConfig,
      message: `Cannot read the ${what} at ${file}.`,
      hint: 'Check the path in Settings → Docker engine (for TLS: a folder with ca.pem, cert.pem and key.pem).',
    });
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || host.startsWith('127.');
}
