import http from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SkyliftError } from '../../shared/errors';
import type { LambdaVariantSession } from '../../main/core/run/lambda-session';
import { LambdaRuntimeApi, type InvocationOutcome } from '../../main/core/run/lambda/runtime-api-server';
import { buildProbeImage, probeSession } from '../helpers/lambda-probe';
import { rawExchange } from '../helpers/raw-http';
import { appendFaultRecords, check, expectHandled, probeFault, withinDeadline, type FaultRecord } from './fault-log';

const BASE = '/2018-06-01/runtime';
const RESPONSE_LIMIT = 6 * 1024 * 1024 + 100;
/** Far past any answer on loopback or any prompt container exit: only a hang reaches it. */
const DEADLINE_MS = 20_000;
/** Replay the fuzz with SKYLIFT_LAMBDA_FUZZ_SEED=<seed>. */
const SEED = Number(process.env.SKYLIFT_LAMBDA_FUZZ_SEED ?? 0x1a3bda);
const FUZZ_CASES = 400;

/** A probe that waits past DEADLINE_MS is unsafe. */
const within = withinDeadline(DEADLINE_MS);

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function call(address: string, method: string, path: string, body?: Buffer | string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`http://${address}${path}`, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Garbage a runtime (or anything in a container on the run network) can send to Skylift's Runtime API. */
describe('Lambda Runtime API under garbage (faults)', () => {
  let api: LambdaRuntimeApi;
  let address: string;
  let port: number;

  beforeAll(async () => {
    api = new LambdaRuntimeApi({ functionName: 'faults', memoryMb: 128, timeoutSeconds: 30 }, { host: '127.0.0.1' });
    ({ address, port } = await api.start());
  });
  afterAll(async () => api.close());

  /** An invocation started and handed to the "runtime" by GET /next: its outcome to come, and its request id. */
  async function handOut(event: string): Promise<{ outcome: Promise<InvocationOutcome>; id: string }> {
    const outcome = api.invoke(Buffer.from(event));
    const next = await within('GET /next', call(address, 'GET', `${BASE}/invocation/next`));
    return { outcome, id: String(next.headers['lambda-runtime-aws-request-id']) };
  }

  /** One invocation handed out, answered by `answer`; proves the server still works after a fault. */
  async function roundTrip(answer = 'ok'): Promise<InvocationOutcome> {
    const { outcome, id } = await handOut('{"alive":true}');
    await call(address, 'POST', `${BASE}/invocation/${id}/response`, answer);
    return within('invoke', outcome);
  }

  async function stillServes(): Promise<void> {
    const outcome = await roundTrip();
    check(outcome.kind === 'success' && outcome.payload.toString() === 'ok', `the server no longer serves: ${outcome.kind}`);
  }

  it('answers 404 to request targets new URL() cannot parse, and keeps serving', async () => {
    const record = await probeFault('lambda', 'runtime-api: unparsable request targets (//, //[, //%, *)', async () => {
      for (const target of ['//', '///', '//[', '//%', '/%', '*', '//x/2018-06-01/runtime/invocation/next']) {
        const answer = await rawExchange(port, `POST ${target} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`, 5000);
        check(answer.status !== null && answer.status >= 400 && answer.status < 500, `${target}: answered ${answer.status} (${answer.end})`);
      }
      await stillServes();
    });
    expectHandled(record);
  });

  it('refuses bad request ids with 4xx while an invocation runs, and the invocation is unharmed', async () => {
    const record = await probeFault('lambda', 'runtime-api: bad request ids', async () => {
      const { outcome, id } = await handOut('{}');
      for (const bad of ['x', 'a'.repeat(8000), '%zz', '..%2F..%2Fnext', encodeURIComponent('ünï😀'), encodeURIComponent(id + ' '), id.toUpperCase()]) {
        for (const kind of ['response', 'error']) {
          const answer = await call(address, 'POST', `${BASE}/invocation/${bad}/${kind}`, '{}');
          check(answer.status >= 400 && answer.status < 500, `${kind} for id ${bad.slice(0, 40)}: ${answer.status}`);
        }
      }
      await call(address, 'POST', `${BASE}/invocation/${id}/response`, 'fine');
      const result = await within('invoke', outcome);
      check(result.kind === 'success' && result.payload.toString() === 'fine', `the running invocation was harmed: ${result.kind}`);
    });
    expectHandled(record);
  });

  it('takes odd error bodies and headers without losing the invocation or the server', async () => {
    const record = await probeFault('lambda', 'runtime-api: odd error bodies and headers', async () => {
      const bodies: Array<[Buffer | string, Record<string, string>, string]> = [
        ['not json', {}, 'Unhandled'],
        ['[1,2,3]', {}, 'Unhandled'],
        [Buffer.from([0xff, 0xfe, 0x00]), { 'content-type': 'application/octet-stream' }, 'Unhandled'],
        ['{"errorType":42}', {}, 'Unhandled'],
        ['{}', { 'Lambda-Runtime-Function-Error-Type': 'x'.repeat(4000) }, 'x'.repeat(4000)],
        [Buffer.alloc(RESPONSE_LIMIT + 10, 'e'), {}, 'Unhandled'],
      ];
      for (const [body, headers, errorType] of bodies) {
        const { outcome, id } = await handOut('{}');
        const answer = await call(address, 'POST', `${BASE}/invocation/${id}/error`, body, headers);
        check(answer.status === 202, `error post answered ${answer.status}`);
        const result = await within('invoke', outcome);
        check(result.kind === 'function-error', `kind ${result.kind}`);
        check(result.kind === 'function-error' && result.errorType === errorType, `error type: ${(result as { errorType?: string }).errorType?.slice(0, 30)}`);
        check(result.payload.length <= RESPONSE_LIMIT + 200, `kept ${result.payload.length} bytes of an oversized error`);
      }
      await stillServes();
    });
    expectHandled(record);
  });

  it('survives a runtime that promises a body and hangs up halfway', async () => {
    const record = await probeFault('lambda', 'runtime-api: truncated response body', async () => {
      const { outcome, id } = await handOut('{}');
      const cut = await rawExchange(port, `POST ${BASE}/invocation/${id}/response HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nonly this`, 2000);
      check(cut.status !== 202, 'a cut body was accepted as the response');
      // The invocation is still the runtime's to answer, on a new connection.
      await call(address, 'POST', `${BASE}/invocation/${id}/response`, 'recovered');
      const result = await within('invoke', outcome);
      check(result.kind === 'success' && result.payload.toString() === 'recovered', `after a cut body: ${result.kind}`);
    });
    expectHandled(record);
  });

  it('refuses payloads Lambda would refuse before any runtime sees them', async () => {
    const record = await probeFault('lambda', 'invoke: invalid UTF-8 and oversized payloads', async () => {
      for (const payload of [Buffer.from([0x22, 0xc3, 0x28, 0x22]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.alloc(6 * 1024 * 1024 + 1, 0x20)]) {
        const error = await api.invoke(payload).then(
          () => null,
          (caught: unknown) => caught,
        );
        check(error instanceof SkyliftError && ['INVALID_REQUEST_CONTENT', 'PAYLOAD_TOO_LARGE'].includes(error.code), `accepted or wrong error: ${String(error)}`);
      }
      await stillServes();
    });
    expectHandled(record);
  });

  it(`keeps answering through ${FUZZ_CASES} seeded mutations of Runtime API requests (seed ${SEED})`, async () => {
    const records: FaultRecord[] = [];
    let state = SEED >>> 0;
    const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const methods = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'G\x00T', 'POST POST', ''];
    const paths = [`${BASE}/invocation/next`, `${BASE}/init/error`, `${BASE}/invocation/x/response`, `${BASE}/invocation/%/error`, '//', '/%zz', '*', `${BASE}/invocation/${'a'.repeat(3000)}/response`, `${BASE}/invocation/\u00ff/response`];
    const headers = ['Content-Length: 5', 'Content-Length: -1', 'Content-Length: 99999999999', 'Transfer-Encoding: chunked', 'Lambda-Runtime-Function-Error-Type: \u00ff', 'X: ' + 'y'.repeat(20000), 'NoColon', ':', 'Host:'];
    const bodies = ['hello', '{"errorType":"X"}', 'zz\r\n', '0\r\n\r\n', '\x00\x01\x02', ''];
    for (let i = 0; i < FUZZ_CASES; i++) {
      const method = pick(methods);
      const path = pick(paths).includes('next') && method === 'GET' ? `${BASE}/invocation/nxt` : pick(paths); // never a long poll that waits for an event
      const lines = [`${method} ${path} HTTP/1.1`, 'Host: runtime', ...Array.from({ length: Math.floor(random() * 3) }, () => pick(headers)), 'Connection: close'];
      const raw = `${lines.join('\r\n')}\r\n\r\n${pick(bodies)}`;
      const answer = await rawExchange(port, Buffer.from(raw, 'latin1'), 5000);
      const safe = answer.end !== 'deadline' && (answer.status === null || answer.status < 500);
      records.push({ area: 'lambda', name: `runtime-api fuzz #${i} (seed ${SEED})`, outcome: safe ? 'handled' : 'unsafe', ...(safe ? {} : { detail: `${JSON.stringify(raw.slice(0, 120))} -> ${answer.status} ${answer.end}` }) });
    }
    const alive = await probeFault('lambda', 'runtime-api: serves after the fuzz', stillServes);
    records.push(alive);
    appendFaultRecords(records.slice(0, -1));
    const unsafe = records.filter((record) => record.outcome !== 'handled');
    expect(unsafe, unsafe.map((record) => record.detail).join('\n')).toEqual([]);
  }, 120_000);
});

/** Faults inside the execution environment: the container's runtime dies, hangs, or says too much. */
describe('Lambda execution environment faults (real engine, probe runtime)', () => {
  const open: LambdaVariantSession[] = [];
  beforeAll(() => buildProbeImage(), 120_000);
  afterEach(async () => {
    await Promise.all(open.splice(0).map((session) => session.stop()));
  });

  async function session(options: Parameters<typeof probeSession>[0]): Promise<LambdaVariantSession> {
    const probe = await probeSession(options);
    open.push(probe.session);
    return probe.session;
  }
  const event = (value: unknown) => Buffer.from(JSON.stringify(value));
  const bodyText = (invocation: { body: Buffer }) => invocation.body.toString('utf8');

  it('a runtime that exits before its first GET /next', async () => {
    const record = await probeFault('lambda', 'runtime exits before GET /next', async () => {
      const env = await session({ env: { PROBE_INIT: 'exit' }, settings: { timeoutSeconds: 120 } });
      const answer = await within('invoke', env.invoke(event({})));
      check(answer.functionError === 'Runtime.ExitError', `answered ${answer.status} ${answer.functionError}`);
      check(/Runtime exited with error: exit status 1/.test(bodyText(answer)), bodyText(answer));
    });
    expectHandled(record);
  }, 60_000);

  it('a runtime that exits mid-invoke', async () => {
    const record = await probeFault('lambda', 'runtime exits mid-invoke', async () => {
      const env = await session({ settings: { timeoutSeconds: 120 } });
      const answer = await within('invoke', env.invoke(event({ exit: 2 })));
      check(answer.functionError === 'Runtime.ExitError' && /exit status 2/.test(bodyText(answer)), `answered ${answer.status}: ${bodyText(answer)}`);
      const next = await within('next invoke', env.invoke(event({ n: 1 })));
      check(next.ok, `the environment was not recycled: ${bodyText(next)}`);
    });
    expectHandled(record);
  }, 60_000);

  it('a runtime that dies of the memory limit', async () => {
    const record = await probeFault('lambda', 'runtime killed by the memory limit', async () => {
      const env = await session({ settings: { timeoutSeconds: 120 } });
      const answer = await within('invoke', env.invoke(event({ allocate_mb: 900 })));
      check(answer.functionError === 'Runtime.OutOfMemory', `answered ${answer.status} ${answer.functionError}`);
      check(/Runtime exited with error: signal: killed/.test(bodyText(answer)), bodyText(answer));
    });
    expectHandled(record);
  }, 60_000);

  it('a runtime whose init hangs', async () => {
    const record = await probeFault('lambda', 'init hangs', async () => {
      const env = await session({ env: { PROBE_INIT: 'hang' }, initTimeoutMs: 1000, settings: { timeoutSeconds: 2 } });
      const answer = await within('invoke', env.invoke(event({})));
      check(answer.status === 'timeout' && /init did not finish within the 1 s init phase/.test(bodyText(answer)), `answered ${answer.status}: ${bodyText(answer)}`);
    });
    expectHandled(record);
  }, 60_000);

  it('a response at the limit and one byte over', async () => {
    const record = await probeFault('lambda', 'response at 6 MiB + 100 bytes and one over', async () => {
      const env = await session({});
      const at = await within('invoke', env.invoke(event({ bytes: RESPONSE_LIMIT })));
      check(at.ok && at.body.length === RESPONSE_LIMIT, `at the limit: ${at.status} ${at.body.length}`);
      const over = await within('invoke', env.invoke(event({ bytes: RESPONSE_LIMIT + 1 })));
      check(over.functionError === 'Function.ResponseSizeTooLarge', `one over: ${over.status} ${over.functionError}`);
    });
    expectHandled(record);
  }, 60_000);

  it('a payload that is not UTF-8', async () => {
    const record = await probeFault('lambda', 'invalid UTF-8 payload through a session', async () => {
      const env = await session({});
      const error = await env.invoke(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0x97, 0x22, 0x7d])).then(
        () => null,
        (caught: unknown) => caught,
      );
      check(error instanceof SkyliftError && error.code === 'INVALID_REQUEST_CONTENT', `not refused: ${String(error)}`);
      check((await within('invoke', env.invoke(event({ ok: 1 })))).ok, 'the environment stopped serving');
    });
    expectHandled(record);
  }, 60_000);
});
