import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startServe } from '../helpers/cli';
import { request } from '../helpers/http';
import { rawExchange, type RawExchange } from '../helpers/raw-http';
import { useTempDir } from '../helpers/temp';
import { appendFaultRecords, probeFault, type FaultRecord } from './fault-log';
import { fuzzCases, type Credentials } from './web-fuzz';

/** Replay a failure with SKYLIFT_WEB_FUZZ_SEED=<printed seed>. */
const SEED = Number(process.env.SKYLIFT_WEB_FUZZ_SEED ?? 0x5ca1ab1e);
const CASES = 5000;
/** Cases in flight at once; each has its own socket and its own deadline. */
const PARALLEL = 8;
/** Far beyond any answer on loopback: only a hang reaches it. */
const SOCKET_DEADLINE_MS = 5000;

/**
 * What a browser (or any page it visits) can send to the real `skylift serve`: each probe and
 * each fuzz case counts as unsafe when the server dies, hangs, or answers 5xx without logging it.
 */
describe('browser mode under hostile input (faults)', () => {
  const tempDir = useTempDir();
  let serve: Awaited<ReturnType<typeof startServe>>;
  let credentials: Credentials;
  let logFile: string;

  const startServer = async () => {
    const home = tempDir();
    logFile = path.join(home, 'logs', 'skylift.log');
    serve = await startServe({ SKYLIFT_HOME: home });
    const port = Number(new URL(serve.url).port);
    const token = new URL(serve.openUrl).searchParams.get('token')!;
    const exchanged = await request(serve.openUrl);
    credentials = { port, token, cookie: exchanged.headers['set-cookie']![0].split(';')[0] };
  };
  const dead = () => serve.child.exitCode !== null || serve.child.signalCode !== null;
  beforeAll(startServer);
  // Each probe is judged on its own: one that killed the server does not fail the next.
  beforeEach(async () => {
    if (dead()) await startServer();
  });
  afterAll(async () => serve?.stop());

  const send = (bytes: string | Buffer) => rawExchange(credentials.port, bytes, SOCKET_DEADLINE_MS);
  const http = (target: string, headers = '', method = 'GET') => send(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${credentials.port}\r\n${headers}\r\n`);
  const bearer = () => `Authorization: Bearer ${credentials.token}\r\n`;
  const upgrade = 'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n';

  /** Throws unless the server process lives and answers a good call. */
  const assertServing = async () => {
    if (dead()) throw new Error(`skylift serve died (${serve.child.exitCode ?? serve.child.signalCode})`);
    const res = await send(`POST /api/call/app:info HTTP/1.1\r\nHost: 127.0.0.1:${credentials.port}\r\n${bearer()}Content-Length: 2\r\n\r\n{}`);
    if (res.status !== 200) throw new Error(`skylift serve no longer answers a good call (got ${res.status ?? res.end})`);
  };
  const logged = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '');

  /** Why an answer is unsafe, or null: a hang, or a 5xx that is not a logged 500. */
  const unsafeAnswer = (res: RawExchange): string | null => {
    if (res.end === 'deadline') return `no answer and no close within ${SOCKET_DEADLINE_MS} ms`;
    if (res.status === null || res.status < 500) return null;
    const reference = /ref ([0-9a-f]{8})/.exec(res.text)?.[1];
    if (res.status !== 500 || !reference) return `answered ${res.status} without an error reference`;
    return logged().includes(`(ref ${reference})`) ? null : `answered 500 but logged nothing under ref ${reference}`;
  };
  /** `accept` sees null when the server closed without answering (fine only where nobody is left to answer). */
  const expectStatus = async (res: Promise<RawExchange>, accept: (status: number | null) => boolean) => {
    const answer = await res;
    const unsafe = unsafeAnswer(answer);
    if (unsafe) throw new Error(unsafe);
    if (!accept(answer.status)) throw new Error(`answered ${answer.status ?? answer.end}`);
    await assertServing();
  };
  const is4xx = (status: number | null) => status !== null && status >= 400 && status < 500;

  const probes: Array<[string, () => Promise<void>]> = [
    ['GET // before the token check', () => expectStatus(http('//'), is4xx)],
    ['GET /// before the token check', () => expectStatus(http('///'), is4xx)],
    ['GET //[ before the token check', () => expectStatus(http('//['), is4xx)],
    ['GET //% before the token check', () => expectStatus(http('//%'), is4xx)],
    ['WebSocket upgrade to // before the token check', () => expectStatus(http('//', upgrade), is4xx)],
    ['WebSocket upgrade to //% with the token', () => expectStatus(http('//%', bearer() + upgrade), (s) => s === 400)],
    ['GET /% with the token', () => expectStatus(http('/%', bearer()), (s) => s === 400)],
    ['GET /%zz with the token', () => expectStatus(http('/%zz', bearer()), (s) => s === 400)],
    ['GET /%c0 with the token', () => expectStatus(http('/%c0', bearer()), (s) => s === 400)],
    ['POST /api/call/% with the token', () => expectStatus(http('/api/call/%', bearer() + 'Content-Length: 2\r\n', 'POST'), (s) => s === 400)],
    ['absolute-form target', () => expectStatus(http(`http://127.0.0.1:${credentials.port}/`, bearer()), (s) => s === 400)],
    ['malformed header line', () => expectStatus(http('/', 'Bad Header\r\n'), (s) => s === 400)],
    ['header over 16 KB', () => expectStatus(http('/', `X-Big: ${'x'.repeat(20_000)}\r\n`), (s) => s === 431)],
    ['CONNECT request', () => expectStatus(send(`CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n`), is4xx)],
    ['the URL token as the cookie value', () => expectStatus(http('/', `Cookie: skylift_session_${credentials.port}=${credentials.token}\r\n`), (s) => s === 401)],
    ['body over the limit, declared', () => expectStatus(http('/api/call/app:info', bearer() + 'Content-Length: 9000000\r\n', 'POST'), (s) => s === 413)],
    ['body over the limit, streamed', async () => {
      const res = await request(`${serve.url}api/call/app:info`, { method: 'POST', headers: { authorization: `Bearer ${credentials.token}`, 'transfer-encoding': 'chunked' }, body: 'x'.repeat(9_000_000) });
      if (res.status !== 413 || !res.body.includes('BAD_INPUT')) throw new Error(`answered ${res.status}: ${res.body.slice(0, 100)}`);
      await assertServing();
    }],
    ['body cut short by the client', () => expectStatus(http('/api/call/app:info', bearer() + 'Content-Length: 100\r\n\r\n{"a"', 'POST'), (s) => s === null || is4xx(s))],
    ['JSON nested 100k deep', () => expectStatus(send(`POST /api/call/app:info HTTP/1.1\r\nHost: 127.0.0.1:${credentials.port}\r\n${bearer()}Content-Length: 100000\r\n\r\n${'['.repeat(100_000)}`), (s) => s === 400 || s === 200)],
  ];

  it.each(probes)('%s', async (name, probe) => {
    const record = await probeFault('web', name, probe);
    expect(record).toEqual({ area: 'web', name, outcome: 'handled' });
  });

  it(`survives ${CASES} seeded mutations of requests and WebSocket upgrades`, async () => {
    console.log(`web fuzz: seed ${SEED} (replay with SKYLIFT_WEB_FUZZ_SEED=${SEED}), ${CASES} cases`);
    const cases = fuzzCases(SEED, CASES, credentials);
    const records: FaultRecord[] = [];
    const statuses = new Map<string, number>();
    for (let start = 0; start < cases.length; start += PARALLEL) {
      const batch = cases.slice(start, start + PARALLEL);
      const answers = await Promise.all(batch.map((c) => send(c.bytes)));
      const health = await assertServing().then(() => null, (error: Error) => error.message);
      batch.forEach((c, i) => {
        const unsafe = unsafeAnswer(answers[i]) ?? health;
        const key = String(answers[i].status ?? answers[i].end);
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        records.push({ area: 'web', name: `fuzz seed ${SEED} #${start + i} ${c.label}`, outcome: unsafe ? 'unsafe' : 'handled', ...(unsafe ? { detail: `${unsafe}; sent ${JSON.stringify(c.bytes.toString('latin1').slice(0, 300))}` } : {}) });
      });
      if (health) break;
    }
    appendFaultRecords(records);
    console.log(`web fuzz: answers ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
    expect(records.filter((r) => r.outcome === 'unsafe').slice(0, 5)).toEqual([]);
    expect(records).toHaveLength(CASES);
    await assertServing();
  }, 120_000);
});
