import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJobResult, type EventName, type JobEvent } from '../../../shared/contract';
import { useTempDir } from '../../../test/helpers/temp';
import { EventBus } from '../events';
import { openDatabase, type Db } from '../store/database';
import { JobRunner } from './job-runner';
import { JobStore } from './job-store';
import { processStartTime } from './process-identity';

function setup(file: string, concurrency = 4) {
  const db = openDatabase(file);
  const bus = new EventBus();
  const store = new JobStore(db);
  const logged: Array<{ context: string; error: unknown }> = [];
  const logError = (context: string, error: unknown) => void logged.push({ context, error });
  const runner = new JobRunner({ store, bus, concurrency, logError, redact: (t) => t.replaceAll('s3cr3t', '****') });
  const seen: Array<{ event: EventName; payload: unknown }> = [];
  bus.subscribe((event, payload) => seen.push({ event, payload }));
  return { db, store, runner, seen, logged };
}

/** Settles with the job, or rejects when it is still not done after `ms`: a wait that would be forever fails the test. */
const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms))]);

/** A body that runs until its signal is aborted, like a build waiting on the engine. */
const untilAborted = (signal: AbortSignal) =>
  new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')), { once: true }));

describe('JobRunner', () => {
  const tempDir = useTempDir();
  const dbFile = () => path.join(tempDir(), 'skylift.db');

  it('runs a job to success with its events in order, stored and broadcast', async () => {
    const { runner, store, seen } = setup(dbFile());
    const job = runner.start({ kind: 'build', title: 'ordered' }, async (ctx) => {
      ctx.step(1, 'first', 3);
      for (let i = 0; i < 50; i++) ctx.log(`line ${i}`, i % 2 ? 'stderr' : 'stdout');
      ctx.progress(0.5, 'half');
      ctx.step(2, 'second', 3);
      return { project: 'p', variants: [] };
    });
    const done = await runner.wait(job.id);
    expect(done.state).toBe('succeeded');
    expect(done.startedAt).not.toBeNull();
    expect(done.endedAt).not.toBeNull();

    const events = store.events(job.id, -1);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
    expect(events[0]).toMatchObject({ type: 'step', index: 1, name: 'first', total: 3 });
    expect(events.filter((e) => e.type === 'log').map((e) => (e as Extract<JobEvent, { type: 'log' }>).line)).toEqual(
      Array.from({ length: 50 }, (_, i) => `line ${i}`),
    );
    expect(events.at(-1)).toMatchObject({ type: 'result', value: { project: 'p', variants: [] } });
    const broadcast = seen.filter((s) => s.event === 'jobs:event').map((s) => (s.payload as JobEvent).seq);
    expect(broadcast).toEqual(events.map((e) => e.seq));
    const states = seen.filter((s) => s.event === 'jobs:changed').map((s) => (s.payload as { state: string }).state);
    expect(states).toEqual(['queued', 'running', 'succeeded']);
  });

  it('replays events after a given sequence number', async () => {
    const { runner, store } = setup(dbFile());
    const job = runner.start({ kind: 'run', title: 'replay' }, async (ctx) => {
      for (let i = 0; i < 5; i++) ctx.log(`l${i}`);
    });
    await runner.wait(job.id);
    expect(store.events(job.id, 2).map((e) => e.seq)).toEqual([3, 4, 5]);
  });

  it('fails a job with a user-facing error and no stack trace', async () => {
    const { runner } = setup(dbFile());
    const job = runner.start({ kind: 'run', title: 'boom' }, async () => {
      throw new Error('disk full\n    at secretFunction (/src/x.ts:1:1)');
    });
    const done = await runner.wait(job.id);
    expect(done.state).toBe('failed');
    expect(done.error?.message).toBe('Unexpected error: disk full');
    expect(JSON.stringify(done)).not.toContain('secretFunction');
  });

  it('cancels a running job through its AbortSignal and drops later output', async () => {
    const { runner, store } = setup(dbFile());
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const job = runner.start({ kind: 'run', title: 'long' }, async (ctx) => {
      ctx.log('before');
      started();
      await untilAborted(ctx.signal).catch((error) => {
        ctx.log('after cancel');
        throw error;
      });
    });
    await running;
    const cancelled = await runner.cancel(job.id);
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.error).toBeNull();
    expect(store.events(job.id, -1).map((e) => (e.type === 'log' ? e.line : e.type))).toEqual(['before']);
  });

  it('cancels a queued job before it starts, and the queue moves on', async () => {
    const { runner } = setup(dbFile(), 1);
    const ran: string[] = [];
    const blocker = runner.start({ kind: 'run', title: 'blocker' }, (ctx) => untilAborted(ctx.signal));
    const queued = runner.start({ kind: 'run', title: 'queued' }, async () => void ran.push('queued'));
    const third = runner.start({ kind: 'run', title: 'third' }, async () => void ran.push('third'));
    expect(runner.get(queued.id).state).toBe('queued');
    expect((await runner.cancel(queued.id)).state).toBe('cancelled');
    await runner.cancel(blocker.id);
    expect((await runner.wait(third.id)).state).toBe('succeeded');
    expect(ran).toEqual(['third']);
  });

  it('redacts log lines and error messages before they are stored', async () => {
    const { runner, store } = setup(dbFile());
    const job = runner.start({ kind: 'run', title: 'secret' }, async (ctx) => {
      ctx.log('token=s3cr3t');
      throw new Error('bad key s3cr3t');
    });
    const done = await runner.wait(job.id);
    const stored = JSON.stringify([done, store.events(job.id, -1)]);
    expect(stored).not.toContain('s3cr3t');
    expect(stored).toContain('token=****');
  });

  it('persists jobs: a new runner on the same file sees them and their events', async () => {
    const file = dbFile();
    const first = setup(file);
    const job = first.runner.start({ kind: 'run', title: 'persisted' }, async (ctx) => ctx.log('kept'));
    await first.runner.wait(job.id);
    first.db.close();

    const second = setup(file);
    expect(second.store.list(10).map((j) => [j.id, j.state])).toEqual([[job.id, 'succeeded']]);
    expect(second.store.events(job.id, -1)[0]).toMatchObject({ type: 'log', line: 'kept' });
    second.db.close();
  });

  it('marks jobs a dead process left running as interrupted, at start-up', async () => {
    const file = dbFile();
    const crashed = setup(file);
    const job = crashed.runner.start({ kind: 'run', title: 'cut off' }, async (ctx) => {
      ctx.log('working');
      await new Promise(() => undefined); // never settles: the process "dies" with the job running
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(crashed.store.get(job.id)?.state).toBe('running');
    (crashed.db as Db).close();

    const restarted = setup(file);
    const swept = restarted.runner.sweepInterrupted();
    expect(swept.map((j) => j.id)).toEqual([job.id]);
    const record = restarted.store.get(job.id)!;
    expect(record.state).toBe('interrupted');
    expect(record.error?.code).toBe('INTERRUPTED');
    expect(restarted.store.events(job.id, -1).map((e) => e.type)).toEqual(['log']);
    restarted.db.close();
  });

  it("spares jobs of another live Skylift process on the same data, and sweeps a dead one's", async () => {
    const { runner, store, db } = setup(dbFile());
    const live = spawn('sleep', ['30']);
    const deadPid = spawnSync('true').pid!;
    const base = { kind: 'run', state: 'running' as const, createdAt: new Date().toISOString(), startedAt: null, endedAt: null, error: null };
    store.insert({ ...base, id: 'owned-by-live', title: 'live' }, { pid: live.pid!, startedAt: processStartTime(live.pid!) });
    store.insert({ ...base, id: 'owned-by-dead', title: 'dead' }, { pid: deadPid, startedAt: null });
    try {
      expect(runner.sweepInterrupted().map((j) => j.id)).toEqual(['owned-by-dead']);
      expect(store.get('owned-by-live')?.state).toBe('running');
    } finally {
      live.kill();
      db.close();
    }
  });

  // Before: the owner's pid alone was checked, so a new process that got a dead owner's pid kept its jobs "running" forever.
  it('sweeps a job whose owner pid is alive but belongs to a process started at another time (pid reuse)', async () => {
    const { runner, store, db } = setup(dbFile());
    const live = spawn('sleep', ['30']);
    const base = { kind: 'run', state: 'running' as const, createdAt: new Date().toISOString(), startedAt: null, endedAt: null, error: null };
    const realStart = processStartTime(live.pid!);
    expect(realStart).not.toBeNull();
    store.insert({ ...base, id: 'reused-pid', title: 'old owner' }, { pid: live.pid!, startedAt: `${realStart}0` });
    store.insert({ ...base, id: 'same-process', title: 'owner' }, { pid: live.pid!, startedAt: realStart });
    try {
      expect(runner.sweepInterrupted().map((j) => j.id)).toEqual(['reused-pid']);
      expect(store.get('reused-pid')?.state).toBe('interrupted');
      expect(store.get('same-process')?.state).toBe('running');
    } finally {
      live.kill();
      db.close();
    }
  });

  // Before: four open runs took all four slots and the next build stayed queued forever.
  it('starts a build while long-lived sessions are open, however many; they take no slot', async () => {
    const { runner, db } = setup(dbFile(), 4);
    const sessions = Array.from({ length: 6 }, (_, i) => runner.start({ kind: 'run', title: `session ${i}`, longLived: true }, (ctx) => untilAborted(ctx.signal)));
    const build = runner.start({ kind: 'build', title: 'build' }, async () => ({ project: 'p', variants: [] }));
    expect((await within(runner.wait(build.id), 5_000)).state).toBe('succeeded');
    expect(sessions.map((s) => runner.get(s.id).state)).toEqual(Array(6).fill('running'));
    await runner.cancelAll();
    db.close();
  });

  it('opens a long-lived session at once even when every slot is busy, and the slots still bound other jobs', async () => {
    const { runner, db } = setup(dbFile(), 2);
    const builds = Array.from({ length: 3 }, (_, i) => runner.start({ kind: 'build', title: `build ${i}` }, (ctx) => untilAborted(ctx.signal)));
    await new Promise((resolve) => setImmediate(resolve));
    const session = runner.start({ kind: 'run', title: 'session', longLived: true }, (ctx) => untilAborted(ctx.signal));
    await new Promise((resolve) => setImmediate(resolve));
    expect(runner.get(session.id).state).toBe('running');
    expect(builds.map((b) => runner.get(b.id).state)).toEqual(['running', 'running', 'queued']);
    await runner.cancel(session.id);
    expect(runner.get(builds[2].id).state).toBe('queued'); // a session ending frees no build slot it never held
    await runner.cancelAll();
    db.close();
  });

  it('logs an unexpected job error with its stack, and shows the user only its first line', async () => {
    const { runner, logged, db } = setup(dbFile());
    const job = runner.start({ kind: 'build', title: 'boom' }, async () => {
      throw new TypeError('cannot read properties of undefined');
    });
    const done = await runner.wait(job.id);
    expect(done.error).toMatchObject({ code: 'INTERNAL', message: 'Unexpected error: cannot read properties of undefined' });
    expect(logged).toHaveLength(1);
    expect(logged[0].context).toContain(job.id);
    expect((logged[0].error as Error).stack).toContain('job-runner.spec.ts');
    db.close();
  });

  it('fails a job whose result breaks its kind\'s contract with a logged internal error, and stores no result', async () => {
    const { runner, store, logged, db } = setup(dbFile());
    // A bench that gives back no summary: a reader would take the run for one with no numbers.
    const job = runner.start({ kind: 'bench', title: 'bad result' }, async () => ({ runId: 'r' }) as never);
    const done = await runner.wait(job.id);
    expect(done.state).toBe('failed');
    expect(done.error).toMatchObject({ code: 'INTERNAL', message: "Internal error: the bench job's result did not match its contract." });
    expect(store.events(job.id, -1).some((e) => e.type === 'result')).toBe(false);
    expect(logged).toHaveLength(1);
    expect((logged[0].error as Error).message).toMatch(/^Result of a bench job failed its schema: summary: /);
    db.close();
  });

  it('keeps only the fields its kind declares in a result, as dispatch does for answers', async () => {
    const { runner, store, db } = setup(dbFile());
    const job = runner.start({ kind: 'build', title: 'extra' }, async () => ({ project: 'p', variants: [], secretPath: '/home/u/.aws' }) as never);
    await runner.wait(job.id);
    expect(readJobResult('build', store.events(job.id, -1))).toEqual({ project: 'p', variants: [] });
    expect(readJobResult('bench', store.events(job.id, -1))).toBeUndefined();
    db.close();
  });

  it('fails a job whose engine is down with the Engine page message and hint, not "Unexpected error"', async () => {
    const { runner, logged, db } = setup(dbFile());
    const job = runner.start({ kind: 'build', title: 'no engine' }, async () => {
      throw Object.assign(new Error('connect ENOENT /var/run/docker.sock'), { code: 'ENOENT', syscall: 'connect', address: '/var/run/docker.sock' });
    });
    const done = await runner.wait(job.id);
    expect(done.error).toMatchObject({ code: 'ENGINE_UNREACHABLE', message: 'Docker engine not reachable at unix:///var/run/docker.sock.', hint: expect.stringContaining('Start the Docker engine') });
    expect(logged).toEqual([]);
    db.close();
  });
});

