import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Core } from '../../main/core/core';
import { createErrorLog, type ErrorLog } from '../../main/core/log';
import { EventBus } from '../../main/core/events';
import { MAX_BODY_BYTES, startWebServer, type WebServer } from '../../main/web/server';
import { testCore } from '../helpers/core';
import { request } from '../helpers/http';
import { rawExchange } from '../helpers/raw-http';
import { useTempDir } from '../helpers/temp';

const TOKEN = 'test-token-0123456789abcdef';
const rendererDir = path.resolve('dist/renderer');

describe('browser mode server', () => {
  const tempDir = useTempDir();
  let core: Core;
  let server: WebServer;
  let log: ErrorLog;
  const bearer = { authorization: `Bearer ${TOKEN}` };

  beforeEach(async () => {
    core = testCore(tempDir());
    log = createErrorLog(tempDir());
    server = await startWebServer({ dispatch: core.dispatch, bus: core.bus, token: TOKEN, host: '127.0.0.1', port: 0, staticDir: rendererDir, logError: log.error });
  });
  afterEach(async () => {
    await server.close();
    await core.close();
  });

  const call = (channel: string, body: unknown, headers: Record<string, string> = bearer) =>
    request(`${server.url}api/call/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('refuses every request without the token: page, assets and API', async () => {
    for (const target of ['', 'index.html', 'assets/anything.js', '#/engine']) {
      const res = await request(`${server.url}${target}`);
      expect(res.status).toBe(401);
      expect(res.body).toContain('?token=');
    }
    expect((await call('app:info', {}, {})).status).toBe(401);
    expect((await call('app:info', {}, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await request(`${server.url}?token=wrong`)).status).toBe(401);
  });

  const styleHash = (html: string) => createHash('sha256').update(/<style>([^<]*)<\/style>/.exec(html)![1]).digest('base64');

  it('answers no token with a styled page that says to open the address skylift serve printed', async () => {
    const res = await request(server.url);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('Open Skylift with its full address');
    expect(res.body).toContain('<code>skylift serve</code> printed');
    expect(res.body).not.toContain('`');
    expect(res.body).not.toMatch(/out of date|restarted/);
    // Nothing external: the CSP allows only the page's own inline style, by its hash.
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toBe(`default-src 'none'; style-src 'sha256-${styleHash(res.body)}'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'`);
    expect(res.body).not.toMatch(/<script|<link|src=|url\(/);
  });

  it('answers a wrong or stale token (query, cookie from another start, Bearer) with "out of date", echoing none of it', async () => {
    const staleToken = 'stale-token-from-an-earlier-start-0001';
    const staleCookie = 'stale-session-secret-from-an-earlier-start';
    const answers = [
      await request(`${server.url}?token=${staleToken}`),
      await request(`${server.url}index.html`, { headers: { cookie: `skylift_session_${server.port}=${staleCookie}` } }),
    ];
    for (const res of answers) {
      expect(res.status).toBe(401);
      expect(res.body).toContain('This address is out of date');
      expect(res.body).toContain('was restarted');
      expect(res.body).not.toContain('Open Skylift with its full address');
      expect(res.body).not.toContain(staleToken);
      expect(res.body).not.toContain(staleCookie);
      expect(res.body).not.toContain(TOKEN);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    const apiCall = await call('app:info', {}, { authorization: `Bearer ${staleToken}` });
    expect(apiCall.status).toBe(401);
    expect(apiCall.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(apiCall.body).toMatch(/restarted/);
    expect(apiCall.body).not.toContain(staleToken);
    const noTokenCall = await call('app:info', {}, {});
    expect(noTokenCall.body).toMatch(/^Skylift needs the session token/);
  });

  it('swaps the token in the URL for a cookie that carries a different, per-start session secret', async () => {
    const first = await request(server.openUrl);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = first.headers['set-cookie']![0];
    const [name, value] = cookie.split(';')[0].split('=');
    expect(name).toBe(`skylift_session_${server.port}`);
    expect(value).toMatch(/^[\w-]{32}$/);
    expect(value).not.toBe(TOKEN);
    expect(cookie.split(';').map((part) => part.trim()).slice(1).sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict']);
    const page = await request(server.url, { headers: { cookie: `${name}=${value}` } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    // The token itself is no cookie value, and a secret from another start is no use here.
    expect((await request(server.url, { headers: { cookie: `${name}=${TOKEN}` } })).status).toBe(401);
    const other = await startWebServer({ dispatch: core.dispatch, bus: core.bus, token: TOKEN, host: '127.0.0.1', port: 0, staticDir: rendererDir, logError: log.error });
    try {
      const otherCookie = (await request(other.openUrl)).headers['set-cookie']![0].split(';')[0];
      expect(otherCookie.split('=')[1]).not.toBe(value);
      expect((await request(server.url, { headers: { cookie: `${name}=${otherCookie.split('=')[1]}` } })).status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('answers contract calls with envelopes', async () => {
    const info = await call('app:info', {});
    expect(info.status).toBe(200);
    expect(JSON.parse(info.body)).toMatchObject({ ok: true, value: { version: '0.0.0-test', mode: 'browser' } });
    expect(JSON.parse((await call('nope:never', {})).body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    const bad = await request(`${server.url}api/call/app:info`, { method: 'POST', headers: bearer, body: '{not json' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin (CSRF), even with the token', async () => {
    expect((await call('app:info', {}, { ...bearer, host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await call('app:info', {}, { ...bearer, origin: 'http://evil.example' })).status).toBe(403);
    expect((await call('app:info', {}, { ...bearer, origin: `http://localhost:${server.port}` })).status).toBe(200);
    expect((await request(server.openUrl, { headers: { host: `rebound.example:${server.port}` } })).status).toBe(403);
  });

  it('pushes events over the WebSocket only to a client with the token', async () => {
    const wsUrl = `ws://127.0.0.1:${server.port}/api/events`;
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(wsUrl);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
    });
    expect(refused).toBe(401);

    const ws = new WebSocket(wsUrl, { headers: bearer });
    await new Promise((resolve) => ws.on('open', resolve));
    const received: Array<{ event: string; payload: { state?: string } }> = [];
    ws.on('message', (data) => received.push(JSON.parse(String(data))));
    const job = core.jobs.start({ kind: 'run', title: 'pushed' }, async (ctx) => ctx.log('hello'));
    await core.jobs.wait(job.id);
    await expect.poll(() => received.filter((m) => m.event === 'jobs:changed').map((m) => m.payload.state)).toEqual(['queued', 'running', 'succeeded']);
    expect(received.some((m) => m.event === 'jobs:event')).toBe(true);
    ws.close();
  });
});

describe('browser mode server under malformed input and failing handlers', () => {
  const tempDir = useTempDir();
  let core: Core;
  let log: ErrorLog;
  const servers: WebServer[] = [];
  const bearer = `Authorization: Bearer ${TOKEN}\r\n`;

  beforeEach(() => {
    core = testCore(tempDir());
    log = createErrorLog(tempDir());
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    await core.close();
  });

  const start = async (overrides: { dispatch?: Core['dispatch']; bus?: EventBus } = {}) => {
    const server = await startWebServer({ dispatch: core.dispatch, bus: core.bus, token: TOKEN, host: '127.0.0.1', port: 0, staticDir: rendererDir, logError: log.error, ...overrides });
    servers.push(server);
    return server;
  };
  const get = (server: WebServer, target: string, headers = '') => rawExchange(server.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n${headers}\r\n`);
  const stillAnswers = async (server: WebServer) => expect((await request(`${server.url}api/call/app:info`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  const logText = () => (fs.existsSync(log.file) ? fs.readFileSync(log.file, 'utf8') : '');

  it('answers targets that new URL() throws on with 4xx, before and after the token check', async () => {
    const server = await start();
    for (const target of ['//', '///', '//[', '//%']) {
      const res = await get(server, target);
      expect(res.status, target).toBeGreaterThanOrEqual(400);
      expect(res.status, target).toBeLessThan(500);
    }
    for (const target of ['/%', '/%zz', '/%c0', '/assets/%E0%A4%A', '/api/call/%']) {
      expect((await get(server, target, bearer)).status, target).toBe(400);
    }
    await stillAnswers(server);
  });

  it('refuses a WebSocket upgrade to a malformed target with a status line and a clean close', async () => {
    const server = await start();
    const upgrade = (target: string, headers = '') =>
      get(server, target, `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${headers}`);
    for (const target of ['//', '//[', '//%', '/%zz']) {
      const res = await upgrade(target, bearer);
      expect([res.status, res.end], target).toEqual([target.includes('%') ? 400 : 404, 'closed']);
    }
    expect((await upgrade('/api/events')).status).toBe(401);
    await stillAnswers(server);
  });

  it('answers a malformed request line or header with 400, not a reset', async () => {
    const server = await start();
    for (const bytes of ['GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n', 'GET /\x01 HTTP/1.1\r\n\r\n', 'NOT HTTP AT ALL\r\n\r\n' + 'x'.repeat(100_000)]) {
      const res = await rawExchange(server.port, bytes);
      expect([res.status, res.end]).toEqual([400, 'closed']);
    }
    await stillAnswers(server);
  });

  it('answers a body over the limit with 413 and an AppError, not a reset, declared or streamed', async () => {
    const server = await start();
    const big = 'x'.repeat(MAX_BODY_BYTES + 1);
    const declared = await request(`${server.url}api/call/app:info`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: big });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('8.0 MiB') } });
    const streamed = await request(`${server.url}api/call/app:info`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'transfer-encoding': 'chunked' }, body: big });
    expect(streamed.status).toBe(413);
    await stillAnswers(server);
  });

  it('answers a handler that throws with 500 and a reference, and logs the stack under it', async () => {
    const server = await start({
      dispatch: () => {
        throw new TypeError('dispatch exploded');
      },
    });
    const res = await request(`${server.url}api/call/app:info`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: '{}' });
    expect(res.status).toBe(500);
    const body = JSON.parse(res.body) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('INTERNAL');
    expect(res.body).not.toContain('dispatch exploded');
    const reference = /ref ([0-9a-f]{8})/.exec(body.error.message)![1];
    expect(logText()).toMatch(new RegExp(`web request \\(ref ${reference}\\): TypeError: dispatch exploded\\n\\s+at `));
    expect((await request(server.url, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  });

  it('closes a WebSocket whose set-up throws, logs it, and keeps serving', async () => {
    const bus = new EventBus();
    bus.subscribe = () => {
      throw new Error('subscribe exploded');
    };
    const server = await start({ bus });
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const closed = await new Promise<number>((resolve) => {
      ws.on('close', (code) => resolve(code));
      ws.on('error', () => undefined);
    });
    expect(closed).toBe(1006);
    expect(logText()).toMatch(/web socket open \(ref [0-9a-f]{8}\): Error: subscribe exploded\n\s+at /);
    await stillAnswers(server);
  });

  it('closes a WebSocket whose event cannot be sent, logs it, and never throws into the code that emitted it', async () => {
    const server = await start();
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, { headers: { authorization: `Bearer ${TOKEN}` } });
    await new Promise((resolve) => ws.on('open', resolve));
    const closed = new Promise((resolve) => ws.on('close', resolve));
    // JSON.stringify throws on a BigInt: the stand-in for any payload that cannot be serialized.
    expect(() => core.bus.emit('jobs:changed', { id: 'x', size: 1n } as never)).not.toThrow();
    await closed;
    expect(logText()).toMatch(/web socket event \(ref [0-9a-f]{8}\): TypeError: Do not know how to serialize a BigInt\n\s+at /);
    await stillAnswers(server);
  });
});
