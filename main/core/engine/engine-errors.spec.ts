import { describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Dockerode from 'dockerode';
import { engineError, engineFailure, markEngineErrors } from './engine-errors';

const endpoint = { url: 'unix:///var/run/docker.sock', source: 'default' as const, tls: false };
const errno = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('engineError', () => {
  it.each([
    ['ENOENT', 'ENGINE_UNREACHABLE', /not reachable at unix:\/\/\/var\/run\/docker.sock/, /systemctl start docker/],
    ['ECONNREFUSED', 'ENGINE_UNREACHABLE', /not reachable/, /Settings/],
    ['EACCES', 'ENGINE_PERMISSION_DENIED', /Permission denied/, /docker group/],
    ['ETIMEDOUT', 'ENGINE_UNREACHABLE', /did not answer in time/, /host and port/],
  ])('%s becomes %s with a hint', (code, expected, message, hint) => {
    const error = engineError(errno(code), endpoint);
    expect(error.code).toBe(expected);
    expect(error.message).toMatch(message);
    expect(error.hint).toMatch(hint);
  });

  it('recognises TLS failures', () => {
    expect(engineError(errno('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'), endpoint).code).toBe('ENGINE_TLS');
  });

  it("reports an engine's HTTP error with the engine's own message", () => {
    const error = engineError(Object.assign(new Error('(HTTP code 500) server error'), { statusCode: 500, json: { message: 'disk quota' } }), endpoint);
    expect(error).toMatchObject({ code: 'ENGINE_ERROR', message: 'The Docker engine answered 500: disk quota' });
  });
});

describe('engineFailure', () => {
  it('explains a marked client error: a socket that is not there', async () => {
    const docker = markEngineErrors(new Dockerode({ socketPath: '/nonexistent/docker.sock' }), endpoint);
    const error = await docker.ping().catch((e: unknown) => e);
    expect(engineFailure(error)).toMatchObject({ code: 'ENGINE_UNREACHABLE', message: `Docker engine not reachable at ${endpoint.url}.`, hint: expect.stringContaining('Start the Docker engine') });
  });

  it("explains a marked client error: the engine's own 5xx message, with a hint", async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'write /var/lib/docker: no space left on device' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const docker = markEngineErrors(new Dockerode({ host: '127.0.0.1', port, protocol: 'http' }), { url: `tcp://127.0.0.1:${port}`, source: 'settings', tls: false });
      const error = await docker.listImages().catch((e: unknown) => e);
      expect(engineFailure(error)).toMatchObject({ code: 'ENGINE_ERROR', message: 'The Docker engine answered 500: write /var/lib/docker: no space left on device', hint: expect.stringContaining('logs') });
    } finally {
      server.close();
    }
  });

  it('explains a marked client error: the engine hanging up', async () => {
    const server = http.createServer((req) => req.socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const docker = markEngineErrors(new Dockerode({ host: '127.0.0.1', port, protocol: 'http' }), { url: `tcp://127.0.0.1:${port}`, source: 'settings', tls: false });
      const error = await docker.ping().catch((e: unknown) => e);
      expect(engineFailure(error)).toMatchObject({ code: 'ENGINE_UNREACHABLE', message: `Docker engine not reachable at tcp://127.0.0.1:${port}.` });
    } finally {
      server.close();
    }
  });

  it('recognises an unmarked failed connect to a socket, and leaves other errors alone', () => {
    const onSocket = Object.assign(new Error('connect ENOENT /run/docker.sock'), { code: 'ENOENT', syscall: 'connect', address: '/run/docker.sock' });
    expect(engineFailure(onSocket)).toMatchObject({ code: 'ENGINE_UNREACHABLE', message: 'Docker engine not reachable at unix:///run/docker.sock.' });
    expect(engineFailure(Object.assign(new Error('open ENOENT'), { code: 'ENOENT', syscall: 'open', path: '/x' }))).toBeNull();
    expect(engineFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', syscall: 'connect', address: '127.0.0.1', port: 32768 }))).toBeNull();
    expect(engineFailure(new TypeError('x is undefined'))).toBeNull();
  });
});

