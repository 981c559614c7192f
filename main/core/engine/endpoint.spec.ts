import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test/helpers/temp';
import { resolveEndpoint } from './endpoint';

const auto = { kind: 'auto' } as const;

function writeContext(configDir: string, name: string, host: string, withTls = false): void {
  const id = createHash('sha256').update(name).digest('hex');
  fs.mkdirSync(path.join(configDir, 'contexts', 'meta', id), { recursive: true });
  fs.writeFileSync(path.join(configDir, 'contexts', 'meta', id, 'meta.json'), JSON.stringify({ Name: name, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }));
  fs.writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({ currentContext: name }));
  if (withTls) writeCerts(path.join(configDir, 'contexts', 'tls', id, 'docker'));
}

function writeCerts(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const f of ['ca.pem', 'cert.pem', 'key.pem']) fs.writeFileSync(path.join(dir, f), `-- ${f} --`);
}

describe('resolveEndpoint', () => {
  const tempDir = useTempDir();

  it('falls back to the default socket when nothing is configured', () => {
    const home = tempDir();
    const choice = resolveEndpoint(auto, {}, home);
    expect(choice.options).toEqual({ socketPath: '/var/run/docker.sock' });
    expect(choice.endpoint).toEqual({ url: 'unix:///var/run/docker.sock', source: 'default', tls: false });
    expect(choice.local).toBe(true);
  });

  it('honours DOCKER_HOST with TLS material from DOCKER_CERT_PATH', () => {
    const certs = tempDir();
    writeCerts(certs);
    const choice = resolveEndpoint(auto, { DOCKER_HOST: 'tcp://10.1.2.3:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs }, tempDir());
    expect(choice.endpoint).toEqual({ url: 'tcp://10.1.2.3:2376', source: 'DOCKER_HOST', tls: true });
    expect(choice.options).toMatchObject({ host: '10.1.2.3', port: 2376, protocol: 'https' });
    expect(String(choice.options.ca)).toBe('-- ca.pem --');
    expect(choice.local).toBe(false);
  });

  it('reads the current docker context like the docker CLI, TLS included', () => {
    const home = tempDir();
    writeContext(path.join(home, '.docker'), 'gpu-box', 'tcp://gpu.internal:2376', true);
    const choice = resolveEndpoint(auto, {}, home);
    expect(choice.endpoint).toEqual({ url: 'tcp://gpu.internal:2376', source: 'docker-context', contextName: 'gpu-box', tls: true });
  });

  it('lets DOCKER_CONTEXT pick a context and DOCKER_HOST beat both', () => {
    const home = tempDir();
    const config = path.join(home, '.docker');
    writeContext(config, 'other', 'unix:///run/other.sock');
    writeContext(config, 'remote', 'ssh://ml@box');
    fs.writeFileSync(path.join(config, 'config.json'), JSON.stringify({ currentContext: 'remote' }));
    expect(resolveEndpoint(auto, { DOCKER_CONTEXT: 'other' }, home).endpoint.url).toBe('unix:///run/other.sock');
    expect(resolveEndpoint(auto, {}, home).endpoint).toMatchObject({ url: 'ssh://ml@box:22', contextName: 'remote' });
    expect(resolveEndpoint(auto, { DOCKER_HOST: 'unix:///x.sock' }, home).endpoint.source).toBe('DOCKER_HOST');
  });

  it('uses the endpoint from settings over the environment', () => {
    const choice = resolveEndpoint({ kind: 'socket', path: '/run/user/1000/docker.sock' }, { DOCKER_HOST: 'tcp://x:1' });
    expect(choice.endpoint).toEqual({ url: 'unix:///run/user/1000/docker.sock', source: 'settings', tls: false });
    const ssh = resolveEndpoint({ kind: 'ssh', host: 'box', port: 2200, username: 'ml' }, { SSH_AUTH_SOCK: '/tmp/agent.sock' });
    expect(ssh.options).toMatchObject({ protocol: 'ssh', host: 'box', port: 2200, username: 'ml', sshOptions: { agent: '/tmp/agent.sock' } });
  });

  it('explains an address it cannot use, and missing TLS files, with a hint', () => {
    expect(() => resolveEndpoint(auto, { DOCKER_HOST: 'npipe:////./pipe/docker_engine' })).toThrow(expect.objectContaining({ code: 'ENGINE_CONFIG', hint: expect.stringContaining('unix://') }));
    expect(() => resolveEndpoint({ kind: 'tcp', host: 'h', port: 2376, tls: true, certDir: '/nonexistent' })).toThrow(
      expect.objectContaining({ code: 'ENGINE_CONFIG', message: expect.stringContaining('/nonexistent/ca.pem') }),
    );
  });
});

describe('resolveEndpoint with paths from Settings', () => {
  const tempDir = useTempDir();

  it('expands ~ in socket paths, certificate folders and identity files', () => {
    const home = tempDir();
    writeCerts(path.join(home, 'certs'));
    expect(resolveEndpoint({ kind: 'socket', path: '~/docker.sock' }, {}, home).options).toEqual({ socketPath: path.join(home, 'docker.sock') });
    const tcp = resolveEndpoint({ kind: 'tcp', host: 'h', port: 2376, tls: true, certDir: '~/certs' }, {}, home);
    expect(String(tcp.options.key)).toBe('-- key.pem --');
  });
});
