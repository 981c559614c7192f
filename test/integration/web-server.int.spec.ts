import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Core } from '../../main/core/core';
import { startWebServer, type WebServer } from '../../main/web/server';
import { testCore } from '../helpers/core';
import { request } from '../helpers/http';
import { useTempDir } from '../helpers/temp';

const TOKEN = 'test-token-0123456789abcdef';
const rendererDir = path.resolve('dist/renderer');

describe('browser mode server', () => {
  const tempDir = useTempDir();
  let core: Core;
  let server: WebServer;
  const bearer = { authorization: `Bearer ${TOKEN}` };

  beforeEach(async () => {
    core = testCore(tempDir());
    server = await startWebServer({ dispatch: core.dispatch, bus: core.bus, token: TOKEN, host: '127.0.0.1', port: 0, staticDir: rendererDir });
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

  it('swaps the token in the URL for an HttpOnly, SameSite cookie and serves the UI with it', async () => {
    const first = await request(server.openUrl);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = first.headers['set-cookie']![0];
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await request(server.url, { headers: { cookie: cookie.split(';')[0] } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('answers contract calls with envelopes', async () => {
    const info = await call('app:info', {});
    expect(info.status).toBe(200);
    expect(JSON.parse(info.body)).toMatchObject({ ok: true, value: { version: '0.0.0-test', mode: 'browser' } });
    expect(JSON.parse((await call('nope:never', {})).body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    const bad = await request(`${server.url}api/call/app:info`, { method: 'POST', headers: bearer, body: '{not json' });
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
    const job = core.jobs.start({ kind: 'test', title: 'pushed' }, async (ctx) => ctx.log('hello'));
    await core.jobs.wait(job.id);
    await expect.poll(() => received.filter((m) => m.event === 'jobs:changed').map((m) => m.payload.state)).toEqual(['queued', 'running', 'succeeded']);
    expect(received.some((m) => m.event === 'jobs:event')).toBe(true);
    ws.close();
  });
});
