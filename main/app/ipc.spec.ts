import type { IpcMainInvokeEvent } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import { allChannels, type Envelope } from '../../shared/contract';
import { testCore } from '../../test/helpers/core';
import { useTempDir } from '../../test/helpers/temp';
import type { Core } from '../core/core';
import { registerIpcHandlers, type IpcMainLike } from './ipc';

type Handler = (event: IpcMainInvokeEvent, input: unknown) => Promise<Envelope<unknown>>;

/** Stands in for Electron's ipcMain (whose binary is absent here): records what gets registered. */
function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const ipc: IpcMainLike = {
    handle: (channel: string, handler: Handler) => void handlers.set(channel, handler),
    removeHandler: (channel: string) => void handlers.delete(channel),
  } as unknown as IpcMainLike;
  return { ipc, handlers };
}

const from = (url: string, parent: object | null = null) => ({ senderFrame: { url, parent }, sender: {} }) as unknown as IpcMainInvokeEvent;
const ours = from('app://skylift/index.html');

describe('registerIpcHandlers', () => {
  const tempDir = useTempDir();
  let core: Core | undefined;
  afterEach(async () => core?.close());

  function setup() {
    core = testCore(tempDir());
    const { ipc, handlers } = fakeIpcMain();
    const unregister = registerIpcHandlers(ipc, core.dispatch);
    return { core, handlers, unregister };
  }

  it('registers exactly the contract channels, and removes them again', () => {
    const { handlers, unregister } = setup();
    expect([...handlers.keys()].sort()).toEqual([...allChannels].sort());
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('answers our own window', async () => {
    const { handlers } = setup();
    const result = await handlers.get('settings:update')!(ours, { engine: { kind: 'socket', path: '/run/docker.sock' } });
    expect(result).toMatchObject({ ok: true, value: { engine: { kind: 'socket' } } });
  });

  it.each([
    ['a foreign page', from('https://evil.example/')],
    ['a file:// page', from('file:///tmp/page.html')],
    ['a sub-frame inside our page', from('app://skylift/embedded.html', { url: 'app://skylift/index.html' })],
    ['a destroyed frame', { senderFrame: null, sender: {} } as unknown as IpcMainInvokeEvent],
  ])('refuses %s and changes nothing', async (_name, event) => {
    const { handlers, core: current } = setup();
    const result = await handlers.get('settings:update')!(event, { engine: { kind: 'socket', path: '/tmp/evil.sock' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(current.settings.get().engine).toEqual({ kind: 'auto' });
  });

  it('parses input with the schema before core sees it', async () => {
    const { handlers } = setup();
    const result = await handlers.get('settings:update')!(ours, { engine: { kind: 'tcp', host: 'h', port: 'many' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });
});
