import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { testCore } from '../helpers/core';
import { dockerServerVersion, EngineDoor } from '../helpers/docker';
import { useTempDir } from '../helpers/temp';

describe('Docker engine (real engine)', () => {
  const tempDir = useTempDir();
  let core: Core | undefined;
  const door = new EngineDoor();
  afterEach(async () => {
    await door.shut();
    await core?.close();
  });

  it("describes the live engine: the same version the docker CLI reports, and its resources", async () => {
    core = testCore(tempDir());
    const result = await core.dispatch('engine:status', {});
    expect(result.ok).toBe(true);
    const status = (result as { value: { reachable: boolean; info: Record<string, unknown> } }).value;
    expect(status.reachable).toBe(true);
    expect(status.info.serverVersion).toBe(dockerServerVersion());
    expect(status.info.cpus).toBeGreaterThan(0);
    expect(status.info.memoryBytes).toBeGreaterThan(0);
    expect(status.info.storageDriver).not.toBe('unknown');
    // No NVIDIA runtime on these machines: the engine page must say so, with the fix.
    expect(status.info.gpu).toMatchObject({ usable: false, summary: expect.stringContaining('nvidia-ctk') });
  });

  it('reports an engine that is not there as unreachable, with a hint, not a failure', async () => {
    core = testCore(tempDir());
    core.settings.update({ engine: { kind: 'socket', path: '/nonexistent/docker.sock' } });
    const status = await core.engine.status();
    expect(status).toMatchObject({
      reachable: false,
      endpoint: { url: 'unix:///nonexistent/docker.sock', source: 'settings' },
      error: { code: 'ENGINE_UNREACHABLE', message: expect.stringContaining('/nonexistent/docker.sock'), hint: expect.stringContaining('Start the Docker engine') },
    });
  });

  it('survives the engine going away and coming back, without a restart', async () => {
    core = testCore(tempDir());
    await door.openDoor();
    core.settings.update({ engine: { kind: 'tcp', host: '127.0.0.1', port: door.port, tls: false } });

    expect((await core.engine.status()).reachable).toBe(true);
    await door.shut();
    const away = await core.engine.status();
    expect(away).toMatchObject({ reachable: false, error: { code: 'ENGINE_UNREACHABLE' } });
    await door.openDoor();
    const back = await core.engine.status();
    expect(back.reachable ? back.info.serverVersion : JSON.stringify(back)).toBe(dockerServerVersion());
  });

  it('tests an endpoint without saving it', async () => {
    core = testCore(tempDir());
    const tried = await core.dispatch('engine:test', { endpoint: { kind: 'socket', path: '/nonexistent.sock' } });
    expect(tried).toMatchObject({ ok: true, value: { reachable: false } });
    expect(core.settings.get().engine).toEqual({ kind: 'auto' });
  });
});
