import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Core } from '../../main/core/core';
import type { VariantSession } from '../../main/core/run/variant-session';
import type { WatchStatus } from '../../shared/contract/watch';
import { finished, TEST_BASE_IMAGE } from '../helpers/build';
import { callOrThrow, testCore } from '../helpers/core';
import { containersOfJob, removeProjectImages, versionAt, writeModel, writeVersionedProject } from '../integration/watch-helpers';
import { RunWatch } from '../../main/core/run/watch/run-watch';
import { seededRandom } from './web-fuzz';
import { appendFaultRecords, check, expectHandled, probeFault, type FaultRecord } from './fault-log';
import { engineValve } from './engine-valve';
import { countedForwarder, rawSend as rawExchange, standInVariant } from './forwarder-world';

const AREA = 'watch';
const SEED = 1106;
const DEADLINE_MS = 3_000;
const poll = async (what: string, ok: () => boolean | Promise<boolean>, ms = 10_000) => {
  const until = performance.now() + ms;
  while (!(await ok())) {
    if (performance.now() > until) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('watch mode faults: the loopback forwarder under what a client can send', () => {
  let variant: Awaited<ReturnType<typeof standInVariant>>;
  let elsewhere: Awaited<ReturnType<typeof standInVariant>>;
  let fwd: Awaited<ReturnType<typeof countedForwarder>>;
  const host = () => `Host: 127.0.0.1:${fwd.port}\r\n`;
  /** Every request the forwarder took is released, and it holds no client socket once they are gone. */
  const settled = async () => {
    await poll('every request released', () => fwd.counts.taken === fwd.counts.released);
    const server = (fwd.forwarder as unknown as { server: http.Server }).server;
    await poll('no client socket left open', () => new Promise<boolean>((resolve) => server.getConnections((_e, n) => resolve(n === 0))));
  };

  beforeAll(async () => {
    variant = await standInVariant();
    elsewhere = await standInVariant();
    fwd = await countedForwarder([variant.origin], DEADLINE_MS);
  });
  afterAll(async () => {
    await fwd.forwarder.close();
    variant.server.close();
    elsewhere.server.close();
  });

  it('request targets that name another host never leave the variant (absolute and authority forms)', async () => {
    const record = await probeFault(AREA, 'forwarder: a target naming another host', async () => {
      const other = new URL(elsewhere.origin).host;
      for (const target of [`http://${other}/secret`, `//${other}/secret`, `http://${other}`, `${other}`, '*', 'http://[']) {
        const answer = await rawExchange(fwd.port, `GET ${target} HTTP/1.1\r\n${host()}\r\n`);
        check(answer.status !== null && answer.status < 500, `${target}: ${answer.status} ${answer.end}: ${answer.text.slice(0, 200)}`);
        if (answer.status === 400) check(/"error":/.test(answer.text) || /Bad Request/.test(answer.text), `${target}: a 400 without a reason`);
      }
      check(elsewhere.log.paths.length === 0, `another server was reached: ${elsewhere.log.paths.join(', ')}`);
      await settled();
    });
    expectHandled(record);
  });

  it(`500 seeded malformed requests (seed ${SEED}): each answered honestly or closed, the forwarder keeps serving, nothing leaks`, async () => {
    const random = seededRandom(SEED);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
    const methods = ['GET', 'POST', 'PUT', 'CONNECT', 'TRACE', 'PRI', 'get', 'G\tET', '', 'M-SEARCH', 'X'.repeat(300)];
    const targets = ['/echo', '//echo', '/%zz', '/%00', '/..%2f..', '*', 'http://127.0.0.1:1/', '/é', '/\u202e', '/a b', '/?' + 'q'.repeat(9000), 'echo', ''];
    const versions = ['HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/0.9', 'http/1.1', 'HTTP/1.1 x', ''];
    const headers = ['', 'Content-Length: 5\r\n', 'Content-Length: -1\r\n', 'Content-Length: 5\r\nContent-Length: 6\r\n', 'Transfer-Encoding: chunked\r\n', 'Transfer-Encoding: chunked\r\nContent-Length: 3\r\n', 'Expect: 100-continue\r\n', 'Upgrade: websocket\r\nConnection: Upgrade\r\n', 'X: \u0000\r\n', 'bad header\r\n', ' folded: x\r\n', `X-Big: ${'b'.repeat(20_000)}\r\n`, 'Host: a\r\nHost: b\r\n'];
    const bodies = ['', 'hello', '0\r\n\r\n', 'zz\r\nnope\r\n', 'x'.repeat(70_000)];
    const records: FaultRecord[] = [];
    for (let i = 0; i < 500; i++) {
      const eol = random() < 0.1 ? '\n' : '\r\n';
      const label = `forwarder fuzz #${i}`;
      const bytes = `${pick(methods)} ${pick(targets)} ${pick(versions)}${eol}${host()}${pick(headers)}${pick(headers)}${eol}${pick(bodies)}`;
      const answer = await rawExchange(fwd.port, bytes, DEADLINE_MS + 2_000);
      const honest = answer.end !== 'deadline' && (answer.status === null ? answer.text === '' : answer.status < 500 || /"error":"/.test(answer.text));
      records.push(honest ? { area: AREA, name: label, outcome: 'handled' } : { area: AREA, name: label, outcome: 'unsafe', detail: `${JSON.stringify(bytes.slice(0, 120))} → ${answer.status} ${answer.end} ${answer.text.slice(0, 160)}` });
    }
    const alive = await rawExchange(fwd.port, `GET /echo HTTP/1.1\r\n${host()}\r\n`);
    records.push(alive.status === 200 ? { area: AREA, name: 'forwarder fuzz: still serving', outcome: 'handled' } : { area: AREA, name: 'forwarder fuzz: still serving', outcome: 'unsafe', detail: `${alive.status} ${alive.end}` });
    const leak = await settled().then(() => null, (error: Error) => error.message);
    records.push(leak ? { area: AREA, name: 'forwarder fuzz: no leak', outcome: 'unsafe', detail: leak } : { area: AREA, name: 'forwarder fuzz: no leak', outcome: 'handled' });
    appendFaultRecords(records);
    const unsafe = records.filter((r) => r.outcome === 'unsafe');
    check(unsafe.length === 0, unsafe.slice(0, 5).map((r) => `${r.name}: ${r.detail}`).join('\n'));
  }, 120_000);

  it('huge headers get 431, a slow-loris client is dropped at the headers deadline', async () => {
    const record = await probeFault(AREA, 'forwarder: huge headers and slow-loris', async () => {
      const big = await rawExchange(fwd.port, `GET /echo HTTP/1.1\r\n${host()}X-Huge: ${'h'.repeat(200_000)}\r\n\r\n`);
      check(big.status === 431, `huge headers: ${big.status} ${big.end}`);
      const socket = net.connect(fwd.port, '127.0.0.1');
      socket.on('error', () => undefined);
      const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(performance.now())));
      const started = performance.now();
      const drip = setInterval(() => socket.write('X-Drip: 1\r\n'), 500);
      socket.write(`GET /echo HTTP/1.1\r\n${host()}`);
      const at = await Promise.race([closed, new Promise<number>((resolve) => setTimeout(() => resolve(-1), 20_000))]);
      clearInterval(drip);
      socket.destroy();
      check(at > 0, 'the slow-loris client was still connected after 20 s');
      check(at - started < 16_000, `dropped after ${Math.round(at - started)} ms`);
      await settled();
    });
    expectHandled(record);
  }, 30_000);

  it("a body over the variant's limit: the variant's 413, or a 502 saying the variant stopped reading the body", async () => {
    const record = await probeFault(AREA, 'forwarder: body over the variant limit', async () => {
      const body = Buffer.alloc(8 * 1024 * 1024, 'x');
      const answer = await new Promise<{ status?: number; text: string; error?: string }>((resolve) => {
        const req = http.request({ host: '127.0.0.1', port: fwd.port, path: '/limit', method: 'POST', headers: { 'content-length': body.length } }, (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode, text }));
          res.on('error', (error) => resolve({ status: res.statusCode, text, error: error.message }));
        });
        req.on('error', (error) => resolve({ text: '', error: error.message }));
        req.end(body);
      });
      // The variant's own 413 when it reaches the forwarder before the connection breaks; otherwise a 502 that says why.
      const own = answer.status === 413 && /over the variant's 1 MiB limit/.test(answer.text);
      const explained = answer.status === 502 && /closed the connection before reading the whole request body \(E(PIPE|CONNRESET)\); a body over the variant's request limit/.test(answer.text);
      check(own || explained, `status ${answer.status} (${answer.error ?? ''}): ${answer.text.slice(0, 200)}`);
      await settled();
    });
    expectHandled(record);
  }, 30_000);

  it('a client gone mid-body and mid-answer: the variant hears it, the request is released', async () => {
    const record = await probeFault(AREA, 'forwarder: client disconnects mid-body and mid-answer', async () => {
      const before = variant.log.aborted;
      const midBody = net.connect(fwd.port, '127.0.0.1');
      midBody.on('error', () => undefined);
      midBody.write(`POST /echo HTTP/1.1\r\n${host()}Content-Length: 1000000\r\n\r\n${'x'.repeat(1000)}`);
      await poll('the variant got the request', () => variant.log.paths.filter((p) => p === '/echo').length > 0);
      midBody.destroy();
      const midAnswer = net.connect(fwd.port, '127.0.0.1');
      midAnswer.on('error', () => undefined);
      midAnswer.write(`GET /slow HTTP/1.1\r\n${host()}\r\n`);
      await new Promise((resolve) => midAnswer.once('data', resolve));
      midAnswer.destroy();
      await poll('the variant heard both clients go', () => variant.log.aborted >= before + 2);
      await settled();
    });
    expectHandled(record);
  }, 30_000);

  it('pipelined requests are answered in order; an unreachable variant is 502 and a silent one 504, each with a reason', async () => {
    const record = await probeFault(AREA, 'forwarder: pipelining, 502, 504', async () => {
      const two = await rawExchange(fwd.port, `GET /echo?one HTTP/1.1\r\n${host()}\r\nGET /echo?two HTTP/1.1\r\n${host()}Connection: close\r\n\r\n`);
      check(two.text.indexOf('/echo?one') > 0 && two.text.indexOf('/echo?two') > two.text.indexOf('/echo?one'), `pipelined: ${two.text.slice(0, 400)}`);
      const hang = await rawExchange(fwd.port, `GET /hang HTTP/1.1\r\n${host()}\r\n`, DEADLINE_MS + 3_000);
      check(hang.status === 504 && /no answer within 3 s/.test(hang.text), `silent variant: ${hang.status} ${hang.text.slice(0, 200)}`);
      const gone = await countedForwarder(['http://127.0.0.1:1'], DEADLINE_MS);
      try {
        const refused = await rawExchange(gone.port, `GET /echo HTTP/1.1\r\nHost: x\r\n\r\n`);
        check(refused.status === 502 && /could not be reached/.test(refused.text), `unreachable variant: ${refused.status} ${refused.text.slice(0, 200)}`);
      } finally {
        await gone.forwarder.close();
      }
      await settled();
    });
    expectHandled(record);
  }, 30_000);

  it('a request during a swap: the old variant finishes its answer, the next request goes to the new one', async () => {
    const record = await probeFault(AREA, 'forwarder: a request across a swap', async () => {
      const next = await standInVariant();
      const swapping = await countedForwarder([variant.origin, next.origin], 10_000);
      try {
        const slow = rawExchange(swapping.port, `GET /slow HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`, 10_000);
        await poll('the slow request reached the old variant', () => swapping.counts.taken === 1);
        swapping.state.current = 1;
        const after = await rawExchange(swapping.port, `GET /echo?after HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
        check(after.status === 200 && next.log.paths.includes('/echo?after'), `after the swap: ${after.status} ${next.log.paths.join(',')}`);
        const old = await slow;
        check(/done/.test(old.text), `the old answer was cut: ${old.text.slice(-100)}`);
        await poll('both released', () => swapping.counts.released === 2);
      } finally {
        await swapping.forwarder.close();
        next.server.close();
      }
    });
    expectHandled(record);
  }, 30_000);
});

/** A session that is only a stop() (the watch's swap is given as a function): RunWatch's logic on a real folder watcher. */
const fakeSession = (): VariantSession => ({ stop: async () => undefined }) as unknown as VariantSession;

describe('watch mode faults: the folder being watched', () => {
  let root: string;
  beforeAll(() => (root = fs.mkdtempSync('/tmp/skylift-watch-faults-')));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  function watched(dir: string) {
    const seen = { rebuilds: 0, logs: [] as string[], swaps: 0 };
    const watch = new RunWatch({
      dir,
      rebuild: async () => {
        seen.rebuilds++;
        await new Promise((resolve) => setTimeout(resolve, 300));
      },
      openSession: async () => fakeSession(),
      swap: async () => void seen.swaps++,
      log: (line) => void seen.logs.push(line),
      onSwap: () => undefined,
    });
    watch.enable();
    return { watch, seen };
  }
  const project = (name: string) => {
    const dir = path.join(root, name);
    fs.mkdirSync(path.join(dir, 'pkg'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'skylift.yaml'), 'name: x\n');
    fs.writeFileSync(path.join(dir, 'model.py'), 'v = 1\n');
    return dir;
  };

  it('a save storm (600 writes to 200 files in about a second): one rebuild, memory flat', async () => {
    const record = await probeFault(AREA, 'watch: save storm', async () => {
      const dir = project('storm');
      const { watch, seen } = watched(dir);
      try {
        const heap = process.memoryUsage().heapUsed;
        const ends = performance.now() + 1_000;
        for (let i = 0; performance.now() < ends || i < 600; i++) {
          fs.writeFileSync(path.join(dir, 'pkg', `m${i % 200}.py`), `v = ${i}\n`);
          if (i % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 30));
        }
        await poll('a rebuild', () => seen.rebuilds > 0 && watch.status().state === 'watching');
        await new Promise((resolve) => setTimeout(resolve, 800));
        check(seen.rebuilds === 1, `${seen.rebuilds} rebuilds for one storm`);
        check(seen.swaps === 1, `${seen.swaps} swaps`);
        check(process.memoryUsage().heapUsed - heap < 64 * 1024 ** 2, `the heap grew ${Math.round((process.memoryUsage().heapUsed - heap) / 1024 ** 2)} MiB`);
      } finally {
        await watch.disable();
      }
    });
    expectHandled(record);
  }, 30_000);

  it.each(['deleted', 'renamed'] as const)('the project folder %s while watching: WATCH_FAILED saying so, the watch ends, no rebuild of a folder that is gone', async (how) => {
    const record = await probeFault(AREA, `watch: project folder ${how}`, async () => {
      const dir = project(`gone-${how}`);
      const { watch, seen } = watched(dir);
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (how === 'deleted') fs.rmSync(dir, { recursive: true });
      else fs.renameSync(dir, `${dir}-moved`);
      await poll('the watch ended', () => !watch.status().enabled, 5_000);
      const error = watch.status().error;
      check(error?.code === 'WATCH_FAILED', `error ${JSON.stringify(error)}`);
      check(/no longer exists|still exists/.test(`${error?.message} ${error?.hint}`), `the error does not say the folder is gone: ${error?.message} ${error?.hint}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      check(seen.rebuilds === 0, `${seen.rebuilds} rebuilds of a folder that is gone`);
      await watch.disable();
    });
    expectHandled(record);
  }, 30_000);
});

describe('watch mode faults: the new container (real engine)', () => {
  let core: Core;
  let home: string;
  let dir: string;
  const name = `flt-watch-${process.pid}`;
  let valve: Awaited<ReturnType<typeof engineValve>>;
  let onRequest: ((head: string) => void) | null = null;

  beforeAll(async () => {
    home = fs.mkdtempSync('/tmp/skylift-watch-faults-engine-');
    valve = await engineValve('/var/run/docker.sock', { beforeRequest: (head) => onRequest?.(head) });
    core = testCore(home, { ...process.env, DOCKER_HOST: `tcp://127.0.0.1:${valve.port}` });
    dir = writeVersionedProject(path.join(home, 'probe'), name);
    const built = await finished(core, core.builds.start({ dir, variant: 'local', baseImage: TEST_BASE_IMAGE }));
    if (built.job.error) throw new Error(built.job.error.message);
  }, 300_000);
  afterAll(async () => {
    for (const job of core.jobStore.list(50)) if (job.kind === 'run' && core.jobs.isActive(job.id)) await core.jobs.cancel(job.id);
    await core.close();
    await valve.close();
    await removeProjectImages(name);
    fs.rmSync(home, { recursive: true, force: true });
  }, 60_000);

  it('a rebuilt model whose load() exits: the old container keeps answering, the exit is the reported cause, the dead one is removed', async () => {
    const record = await probeFault(AREA, 'watch: new container exits during load', async () => {
      const job = core.runService.startRun({ dir, variant: 'local', watch: true });
      await poll('the run is up', () => core.jobStore.events(job.id, -1).some((e) => e.type === 'step'), 60_000);
      const { address } = await callOrThrow<{ address: string }>(core, 'run:health', { jobId: job.id });
      check((await versionAt(address)) === 'v1', 'v1 does not answer');
      fs.writeFileSync(path.join(dir, 'model.py'), 'import os\n\n\nclass Probe:\n    def load(self):\n        os._exit(3)\n\n    def predict(self, payload):\n        return {"version": "v-exit"}\n');
      const status = () => callOrThrow<WatchStatus>(core, 'run:watchStatus', { jobId: job.id });
      await poll('the watch reports the failed start', async () => (await status()).error !== null, 90_000);
      const failed = await status();
      check(/exit(ed)? (with )?(code )?3|exit code 3/i.test(failed.error!.message), `the cause is not the exit: ${failed.error!.code} ${failed.error!.message}`);
      check(!/\n\s+at /.test(failed.error!.message), 'a stack trace');
      check(failed.swaps === 0 && failed.enabled, `swaps ${failed.swaps}, enabled ${failed.enabled}`);
      check((await versionAt(address)) === 'v1', 'the old container stopped answering');
      await poll('the dead container is removed', async () => (await containersOfJob(job.id)).length === 1, 30_000);
      await core.jobs.cancel(job.id);
      check((await containersOfJob(job.id)).length === 0, 'a container was left after the run stopped');
    });
    expectHandled(record);
  }, 240_000);

  it('the engine paused as the old container is being stopped: the same address answers with the new code, and once the engine is back the old one is removed', async () => {
    const record = await probeFault(AREA, 'watch: engine paused during a swap', async () => {
      writeModel(dir, 'v1');
      const built = await finished(core, core.builds.start({ dir, variant: 'local', baseImage: TEST_BASE_IMAGE }));
      check(!built.job.error, `build: ${built.job.error?.message}`);
      const job = core.runService.startRun({ dir, variant: 'local', watch: true });
      await poll('the run is up', () => core.jobStore.events(job.id, -1).some((e) => e.type === 'step'), 60_000);
      const { address } = await callOrThrow<{ address: string }>(core, 'run:health', { jobId: job.id });
      const [old] = await containersOfJob(job.id);
      let paused = false;
      onRequest = (head) => {
        if (!paused && head.includes(`/containers/${old!.Id}/kill`)) (paused = true, valve.set('paused'));
      };
      try {
        writeModel(dir, 'v2');
        await poll('the engine paused at the old container\'s kill', () => paused, 90_000);
        await poll('the address answers v2 with the engine paused', async () => (await versionAt(address)) === 'v2', 10_000);
        const status = await callOrThrow<WatchStatus>(core, 'run:watchStatus', { jobId: job.id });
        check(status.swaps === 1 && status.error === null, `status ${JSON.stringify(status).slice(0, 300)}`);
      } finally {
        onRequest = null;
        valve.set('open');
      }
      await poll('the old container is removed once the engine answers', async () => !(await containersOfJob(job.id)).some((c) => c.Id === old!.Id), 40_000);
      await core.jobs.cancel(job.id);
      check((await containersOfJob(job.id)).length === 0, 'a container was left after the run stopped');
    });
    expectHandled(record);
  }, 240_000);
});
