import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import { describeExit, ExitWatch, waitForExit } from './container-exit';

/** A container whose process the test ends by hand; inspect tells how it ended. */
function fakeContainer(state: { ExitCode: number; OOMKilled: boolean; FinishedAt: string }) {
  let exit!: () => void;
  const exited = new Promise<void>((resolve) => (exit = resolve));
  const container = {
    wait: () => exited.then(() => ({ StatusCode: state.ExitCode })),
    inspect: async () => ({ State: state }),
  } as unknown as Dockerode.Container;
  return { container, exit };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('container exits', () => {
  it('says the code, an OOM kill and when', () => {
    expect(describeExit({ exitCode: 137, oomKilled: true, finishedAt: '2026-12-05T10:00:00Z' })).toBe('exited with code 137 (killed: out of memory) at 2026-12-05T10:00:00Z');
    expect(describeExit({ exitCode: null, oomKilled: false, finishedAt: null, lostEngine: 'socket hang up' })).toContain('engine connection failed (socket hang up)');
  });

  it('reads the cause from the engine, and a wait that breaks means the engine was lost', async () => {
    const { container, exit } = fakeContainer({ ExitCode: 3, OOMKilled: false, FinishedAt: '0001-01-01T00:00:00Z' });
    exit();
    expect(await waitForExit(container)).toEqual({ exitCode: 3, oomKilled: false, finishedAt: null });
    const broken = { wait: async () => Promise.reject(new Error('connect ECONNREFUSED')) } as unknown as Dockerode.Container;
    expect((await waitForExit(broken)).lostEngine).toBe('connect ECONNREFUSED');
  });

  it("does not take a restarted container's previous end for its own: a FinishedAt before StartedAt is the earlier run's", async () => {
    // The busy engine answers the wait and the first inspect with the killed run's state before the new start shows.
    const states = [
      { Running: false, ExitCode: 137, OOMKilled: false, StartedAt: '2026-12-06T10:00:01Z', FinishedAt: '2026-12-06T10:00:00Z' },
      { Running: false, ExitCode: 1, OOMKilled: false, StartedAt: '2026-12-06T10:00:01Z', FinishedAt: '2026-12-06T10:00:05Z' },
    ];
    const container = { wait: async () => ({ StatusCode: 0 }), inspect: async () => ({ State: states.shift() }) } as unknown as Dockerode.Container;
    expect(await waitForExit(container)).toMatchObject({ exitCode: 1, finishedAt: '2026-12-06T10:00:05Z' });
  });

  it('reports an exit it did not cause, once, and not one that Skylift asked for', async () => {
    const watch = new ExitWatch();
    const seen: number[] = [];
    watch.onUnexpectedExit((exit) => seen.push(exit.exitCode ?? -1));

    const first = fakeContainer({ ExitCode: 0, OOMKilled: false, FinishedAt: '' });
    watch.arm(first.container);
    watch.expectExit(); // a cold-start restart
    first.exit();
    await flush();
    const second = fakeContainer({ ExitCode: 1, OOMKilled: false, FinishedAt: '' });
    watch.arm(second.container);
    second.exit();
    await flush();
    await flush();
    expect(seen).toEqual([1]);
    expect(watch.exited?.exitCode).toBe(1);
  });

  it('check() finds an exit the wait has not delivered yet, and the late wait does not report it twice', async () => {
    const watch = new ExitWatch();
    const seen: number[] = [];
    watch.onUnexpectedExit((exit) => seen.push(exit.exitCode ?? -1));
    let exit!: () => void;
    const exited = new Promise<void>((resolve) => (exit = resolve));
    let running = true;
    const container = {
      wait: () => exited.then(() => ({ StatusCode: 3 })),
      inspect: async () => ({ State: { Running: running, ExitCode: running ? 0 : 3, OOMKilled: false, FinishedAt: '2026-12-05T10:00:00Z' } }),
    } as unknown as Dockerode.Container;
    watch.arm(container);
    expect(await watch.check()).toBeNull();
    running = false;
    expect(await watch.check()).toEqual({ exitCode: 3, oomKilled: false, finishedAt: '2026-12-05T10:00:00Z' });
    exit();
    await flush();
    await flush();
    expect(seen).toEqual([3]);
  });

  it('waits again when the engine answers a wait but says the container is running (a restart raced the wait)', async () => {
    let waits = 0;
    let running = true;
    const container = {
      wait: async () => {
        waits++;
        if (waits === 2) running = false;
        return { StatusCode: 137 };
      },
      inspect: async () => ({ State: { Running: running, ExitCode: running ? 137 : 2, OOMKilled: false, FinishedAt: '' } }),
    } as unknown as Dockerode.Container;
    expect(await waitForExit(container)).toMatchObject({ exitCode: 2 });
    expect(waits).toBe(2);
  });
});
