import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SkyliftError, type Job } from '../../shared/contract';
import { createDispatch } from '../../main/core/dispatch';
import { createErrorLog } from '../../main/core/log';
import { Redactor } from '../../main/core/redact';
import { openDatabase } from '../../main/core/store/database';
import { migrations } from '../../main/core/store/migrations';
import { processStartTime } from '../../main/core/jobs/process-identity';
import { adversarialSecretShapes } from '../helpers/adversarial-secrets';
import { skylift } from '../helpers/cli';
import { testCore } from '../helpers/core';
import { bundleOpenStoreChild, openTogether } from '../helpers/open-store-child';
import { useTempDir } from '../helpers/temp';
import { probeFault } from './fault-log';

const AREA = 'store';
/** Far beyond linear cost at 1 MB (tens of ms); the quadratic scrubber took minutes. */
const REDACT_DEADLINE_MS = 5_000;

function must(condition: boolean, unsafe: string): void {
  if (!condition) throw new Error(unsafe);
}

/** Opening must end in a working database or a STORE_* SkyliftError with a hint, never a raw SQLite error. */
function expectStoreError(file: string, code?: string): void {
  let thrown: unknown;
  try {
    openDatabase(file).close();
  } catch (error) {
    thrown = error;
  }
  if (thrown === undefined) return must(code === undefined, `opened a file that should have been refused with ${code}`);
  must(thrown instanceof SkyliftError, `raw error escaped: ${String(thrown)}`);
  const error = thrown as SkyliftError;
  must(error.code.startsWith('STORE_') && Boolean(error.hint), `unclear error ${error.code}: ${error.message}`);
  if (code) must(error.code === code, `expected ${code}, got ${error.code}`);
}

async function failingJob(dataDir: string, env: NodeJS.ProcessEnv, body: (core: ReturnType<typeof testCore>) => Promise<unknown>): Promise<Job> {
  const log = createErrorLog(dataDir);
  const core = testCore(dataDir, env, { logError: log.error });
  try {
    const job = core.jobs.start({ kind: 'run', title: 'probe' }, async () => void (await body(core)));
    return await core.jobs.wait(job.id);
  } finally {
    await core.close();
  }
}

/** A fake engine on loopback that answers every request with `answer` (or hangs up when null). */
async function fakeEngine(answer: { status: number; body: object } | null): Promise<{ host: string; close: () => void }> {
  const server = http.createServer((req, res) => {
    if (!answer) return req.socket.destroy();
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { host: `tcp://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

describe('the store, jobs and redaction under faults', () => {
  const tempDir = useTempDir();

  it('concurrent opens: eight processes on a fresh data folder, several rounds, all succeed', async () => {
    const dir = tempDir();
    const child = await bundleOpenStoreChild(dir);
    const record = await probeFault(AREA, 'eight processes open a fresh database at once', async () => {
      for (let round = 0; round < 4; round++) {
        const outcomes = await openTogether(child, path.join(dir, `r${round}`, 'skylift.db'), 8);
        const failed = outcomes.filter((o) => o !== 'ok');
        must(failed.length === 0, `round ${round}: ${failed.join(' | ')}`);
      }
    });
    expect(record.outcome).toBe('handled');
  }, 120_000);

  const damaged: Record<string, (file: string) => void> = {
    'garbage text': (file) => fs.writeFileSync(file, 'not a database at all\n'.repeat(400)),
    'zero-filled 64 KB': (file) => fs.writeFileSync(file, Buffer.alloc(65536)),
    'random bytes after a real header': (file) => fs.writeFileSync(file, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 256))])),
    'a real database truncated mid-page': (file) => {
      openDatabase(file).close();
      fs.truncateSync(file, 1500);
    },
  };
  it.each(Object.keys(damaged))('damaged database file (%s): a clear STORE error or a working store, no crash', async (shape) => {
    const file = path.join(tempDir(), 'skylift.db');
    damaged[shape](file);
    const record = await probeFault(AREA, `damaged database file: ${shape}`, () => expectStoreError(file));
    expect(record.outcome).toBe('handled');
  });

  it('garbage database: the CLI says what is wrong and exits non-zero, no stack trace', async () => {
    const home = tempDir();
    fs.writeFileSync(path.join(home, 'skylift.db'), 'not a database at all\n'.repeat(400));
    const record = await probeFault(AREA, 'skylift profiles list on a garbage database', () => {
      const result = skylift(['profiles', 'list'], { SKYLIFT_HOME: home });
      must(result.status !== 0 && result.status !== null, `exit status ${result.status}`);
      must(/damaged or is not a database/.test(result.stderr) && /hint: Move the file aside/.test(result.stderr), `unclear message: ${result.stderr}`);
      must(!/\n\s+at /.test(result.stderr + result.stdout), 'a stack trace reached the user');
    });
    expect(record.outcome).toBe('handled');
  });

  it('a schema newer than this build: STORE_TOO_NEW, file untouched', async () => {
    const file = path.join(tempDir(), 'skylift.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${migrations.length + 3}`);
    raw.close();
    const record = await probeFault(AREA, 'database from a newer Skylift', () => {
      expectStoreError(file, 'STORE_TOO_NEW');
      const after = new Database(file);
      must(after.pragma('user_version', { simple: true }) === migrations.length + 3, 'the newer schema version was changed');
      after.close();
    });
    expect(record.outcome).toBe('handled');
  });

  it.each(Object.keys(adversarialSecretShapes))('adversarial redaction input finishes in linear time (1 MB: %s)', async (shape) => {
    const text = adversarialSecretShapes[shape](1_000_000);
    const record = await probeFault(AREA, `redaction of 1 MB adversarial text: ${shape}`, () => {
      const start = performance.now();
      new Redactor().redact(text);
      const ms = performance.now() - start;
      must(ms < REDACT_DEADLINE_MS, `took ${ms.toFixed(0)} ms`);
    });
    expect(record.outcome).toBe('handled');
  });

  it('engine down inside a job: the Engine page message and hint, not "Unexpected error"', async () => {
    const home = tempDir();
    const record = await probeFault(AREA, 'job on an engine whose socket is gone', async () => {
      const job = await failingJob(home, { ...process.env, DOCKER_HOST: `unix://${path.join(home, 'no-engine.sock')}` }, (core) => core.engine.connect().docker.listImages());
      must(job.state === 'failed', `state ${job.state}`);
      must(job.error?.code === 'ENGINE_UNREACHABLE' && /not reachable/.test(job.error.message) && /Start the Docker engine/.test(job.error.hint ?? ''), JSON.stringify(job.error));
    });
    expect(record.outcome).toBe('handled');
  });

  it.each([
    ['answers 500 with its own message', { status: 500, body: { message: 'write /var/lib/docker/tmp: no space left on device' } }, 'ENGINE_ERROR', /answered 500: write \/var\/lib\/docker\/tmp: no space left on device/],
    ['hangs up on every request', null, 'ENGINE_UNREACHABLE', /not reachable at tcp:/],
  ] as const)('engine that %s inside a job: mapped, with what the engine said', async (name, answer, code, message) => {
    const home = tempDir();
    const engine = await fakeEngine(answer);
    try {
      const record = await probeFault(AREA, `job on an engine that ${name}`, async () => {
        const job = await failingJob(home, { ...process.env, DOCKER_HOST: engine.host }, (core) => core.engine.connect().docker.listImages());
        must(job.error?.code === code && message.test(job.error.message), JSON.stringify(job.error));
      });
      expect(record.outcome).toBe('handled');
    } finally {
      engine.close();
    }
  });

  it('an unexpected job error is written to logs/skylift.log with its stack', async () => {
    const home = tempDir();
    const record = await probeFault(AREA, 'unexpected error inside a job', async () => {
      const job = await failingJob(home, process.env, async () => {
        throw new TypeError('probe: cannot read properties of undefined');
      });
      must(job.error?.code === 'INTERNAL' && !JSON.stringify(job.error).includes(' at '), JSON.stringify(job.error));
      const log = fs.readFileSync(path.join(home, 'logs', 'skylift.log'), 'utf8');
      must(log.includes('probe: cannot read properties') && /\n\s+at /.test(log), `not logged with a stack: ${log}`);
    });
    expect(record.outcome).toBe('handled');
  });

  it("a handler answer that fails its schema: an internal error for the user, the fields in the log", async () => {
    const home = tempDir();
    const log = createErrorLog(home);
    const core = testCore(home, process.env, { logError: log.error });
    try {
      const record = await probeFault(AREA, 'handler output fails the contract', async () => {
        const handlers = { ...core.handlers, app: { ...core.handlers.app, info: async () => ({ version: 42 }) } };
        const envelope = await createDispatch(handlers as unknown as typeof core.handlers, log.error)('app:info', {});
        must(!envelope.ok && envelope.error.code === 'INTERNAL' && !/correct the fields/i.test(envelope.error.hint ?? ''), JSON.stringify(envelope));
        must(/failed its schema: .*version/.test(fs.readFileSync(log.file, 'utf8')), 'the failing fields were not logged');
      });
      expect(record.outcome).toBe('handled');
    } finally {
      await core.close();
    }
  });

  it("a job whose owner's pid now belongs to another process is swept as interrupted at start-up", async () => {
    const home = tempDir();
    const stranger = spawn('sleep', ['30']);
    try {
      const record = await probeFault(AREA, 'job owner pid reused by another process', async () => {
        const db = openDatabase(path.join(home, 'skylift.db'));
        db.prepare("INSERT INTO jobs (id, kind, title, state, created_at, owner_pid, owner_started_at) VALUES ('j', 'build', 't', 'running', ?, ?, ?)").run(new Date().toISOString(), stranger.pid, `${processStartTime(stranger.pid!)}1`);
        db.close();
        const core = testCore(home);
        const state = core.jobStore.get('j')?.state;
        await core.close();
        must(state === 'interrupted', `left ${state}`);
      });
      expect(record.outcome).toBe('handled');
    } finally {
      stranger.kill();
    }
  });
});
