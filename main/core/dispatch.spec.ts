import { describe, expect, it } from 'vitest';
import type { CallHandlers } from '../../shared/contract';
import { SkyliftError } from '../../shared/errors';
import { createDispatch } from './dispatch';

const info = { version: '1.0.0', mode: 'browser' as const, platform: 'linux-x64', data: { dataDir: '/d', databasePath: '/d/skylift.db', source: 'home' as const } };

function handlers(overrides: Partial<Record<string, unknown>> = {}, appInfo: () => Promise<unknown> = async () => ({ ...info, ...overrides })): CallHandlers {
  const notUsed = async () => {
    throw new Error('not used');
  };
  return {
    app: { info: appInfo, chooseFolder: notUsed },
    engine: { status: notUsed, test: notUsed },
    settings: { get: notUsed, update: async (patch: object) => ({ engine: { kind: 'auto' }, ...patch }) },
    project: { open: notUsed, save: notUsed, propose: notUsed, eject: notUsed },
    samples: { list: notUsed, create: notUsed },
    build: { start: notUsed },
    run: { start: notUsed, invoke: notUsed, health: notUsed },
    payloads: { list: notUsed, save: notUsed },
    bench: { start: notUsed },
    runs: { list: notUsed, get: notUsed, samples: notUsed, export: notUsed, delete: notUsed },
    jobs: { list: notUsed, get: notUsed, events: notUsed, cancel: notUsed },
  } as unknown as CallHandlers;
}

describe('dispatch', () => {
  it('answers a known call with its parsed output', async () => {
    const result = await createDispatch(handlers())('app:info', {});
    expect(result).toEqual({ ok: true, value: info });
  });

  it('strips fields the contract does not declare, so nothing leaks by accident', async () => {
    const result = await createDispatch(handlers({ secretAccessKey: 'xyz' }))('app:info', {});
    expect(JSON.stringify(result)).not.toContain('xyz');
  });

  it('rejects an unknown channel with a clear code', async () => {
    const result = await createDispatch(handlers())('engine:selfDestruct', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
  });

  it('rejects bad input naming the field, before the handler runs', async () => {
    const result = await createDispatch(handlers())('settings:update', { engine: { kind: 'tcp', host: '', port: 99999, tls: false } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('BAD_INPUT');
    expect(result.error.message).toContain('engine.host');
    expect(result.error.message).toContain('engine.port');
  });

  it('passes a SkyliftError through with its hint, and hides everything of an unexpected error but its first line', async () => {
    const known = handlers({}, async () => {
      throw new SkyliftError({ code: 'X', message: 'Known problem.', hint: 'Do this.' });
    });
    expect(await createDispatch(known)('app:info', {})).toEqual({ ok: false, error: { code: 'X', message: 'Known problem.', hint: 'Do this.' } });

    const logged: unknown[] = [];
    const broken = handlers({}, async () => {
      throw new TypeError('cannot read x\n    at handler (/home/me/skylift/main/core/core.ts:10:5)');
    });
    const result = await createDispatch(broken, (_channel, error) => logged.push(error))('app:info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'Unexpected error: cannot read x' } });
    expect(JSON.stringify(result)).not.toContain('core.ts');
    expect(logged).toHaveLength(1);
  });

  it("treats a handler's answer that fails the contract as an internal error, logged with the fields", async () => {
    const logged: Array<{ channel: string; error: unknown }> = [];
    const broken = handlers({ version: 42 });
    const result = await createDispatch(broken, (channel, error) => logged.push({ channel, error }))('app:info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('did not match its contract') } });
    if (result.ok) return;
    expect(result.error.hint).not.toMatch(/correct the fields/i);
    expect(result.error.hint).toContain('logs/skylift.log');
    expect(logged).toHaveLength(1);
    expect(logged[0].channel).toBe('app:info');
    expect(String((logged[0].error as Error).message)).toContain('version');
  });

  it('explains an engine that is down the way the Engine page does', async () => {
    const down = handlers({}, async () => {
      throw Object.assign(new Error('connect ECONNREFUSED /var/run/docker.sock'), { code: 'ECONNREFUSED', syscall: 'connect', address: '/var/run/docker.sock' });
    });
    const result = await createDispatch(down)('app:info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'ENGINE_UNREACHABLE', message: 'Docker engine not reachable at unix:///var/run/docker.sock.', hint: expect.stringContaining('Start the Docker engine') } });
  });
});
