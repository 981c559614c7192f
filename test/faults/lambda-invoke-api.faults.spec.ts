import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInvokeProbeImage, INVOKE_PROBE_FUNCTION, startInvokeApiProbe, type InvokeApiProbe } from '../helpers/invoke-api-probe';
import { rawExchange, type RawExchange } from '../helpers/raw-http';
import { check, probeFault } from './fault-log';

const AREA = 'lambda-invoke-api';
const PATH = `/2015-03-31/functions/${INVOKE_PROBE_FUNCTION}/invocations`;
/** Far past any answer on loopback: only a hang reaches it. */
const DEADLINE_MS = 20_000;

function request(method: string, path: string, headers: Record<string, string | number> = {}, body: Buffer | string = ''): Buffer {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', `Content-Length: ${headers['Content-Length'] ?? bytes.length}`, ...Object.entries(headers).filter(([name]) => name !== 'Content-Length').map(([name, value]) => `${name}: ${value}`)];
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), bytes]);
}

/**
 * Malformed paths, methods, headers and bodies sent to the local Invoke API: each gets a 4xx with
 * Lambda's error shape (or Node's own 4xx for what is not HTTP), none ends the server, and a
 * well-formed invoke still answers after each.
 */
describe('local Invoke API under malformed requests (real engine)', () => {
  let probe: InvokeApiProbe;
  let port: number;

  beforeAll(async () => {
    buildInvokeProbeImage();
    probe = await startInvokeApiProbe();
    port = Number(new URL(probe.api.endpoint).port);
  }, 180_000);
  afterAll(async () => {
    await probe?.stop();
  });

  /** A well-formed invoke from an ordinary client (raw exchanges half-close, and Node drops a half-closed request's late answer). */
  async function stillServes(): Promise<void> {
    const answer = await fetch(`${probe.api.endpoint}${PATH}`, { method: 'POST', body: '{"alive":true}', signal: AbortSignal.timeout(DEADLINE_MS) });
    const text = await answer.text();
    check(answer.status === 200 && text === '{"echo": {"alive": true}}', `a well-formed invoke afterwards got ${answer.status}: ${text.slice(0, 300)}`);
  }

  /** The answer is a 4xx (with Lambda's error type header when it is the API's own), and the server lives on. */
  async function refused(exchange: Promise<RawExchange>, expectedType?: string): Promise<void> {
    const answer = await exchange;
    check(answer.end !== 'deadline', 'no answer before the deadline');
    check(answer.status !== null && answer.status >= 400 && answer.status < 500, `expected a 4xx, got ${answer.status}: ${answer.text.slice(0, 300)}`);
    if (expectedType) check(answer.text.toLowerCase().includes(`x-amzn-errortype: ${expectedType.toLowerCase()}`), `expected ${expectedType}: ${answer.text.slice(0, 300)}`);
    await stillServes();
  }

  const send = (bytes: Buffer | string) => rawExchange(port, bytes, DEADLINE_MS);

  const cases: Array<[string, () => Promise<void>]> = [
    ['unknown path', () => refused(send(request('POST', '/2015-03-31/functions/x/invoke')), 'UnknownOperationException')],
    ['root path', () => refused(send(request('GET', '/')), 'UnknownOperationException')],
    ['empty function name', () => refused(send(request('POST', '/2015-03-31/functions//invocations')), 'UnknownOperationException')],
    ['encoded slash traversal', () => refused(send(request('POST', '/2015-03-31/functions/..%2F..%2Fetc%2Fpasswd/invocations')), 'ValidationException')],
    ['bad percent-encoding', () => refused(send(request('POST', '/2015-03-31/functions/%E0%A4%A/invocations')), 'ValidationException')],
    ['10 KB path', () => refused(send(request('POST', `/2015-03-31/functions/${'a'.repeat(10_000)}/invocations`)), 'ValidationException')],
    ['absolute-form URL', () => refused(send(request('POST', `http://evil.example${PATH}x`)), 'UnknownOperationException')],
    ['GET on the invoke path', () => refused(send(request('GET', PATH)), 'UnknownOperationException')],
    ['PUT on the invoke path', () => refused(send(request('PUT', PATH, {}, '{}')), 'UnknownOperationException')],
    ['DELETE on the invoke path', () => refused(send(request('DELETE', PATH)), 'UnknownOperationException')],
    ['unknown invocation type', () => refused(send(request('POST', PATH, { 'X-Amz-Invocation-Type': 'Sometime' }, '{}')), 'ValidationException')],
    ['unknown log type', () => refused(send(request('POST', PATH, { 'X-Amz-Log-Type': 'All' }, '{}')), 'ValidationException')],
    ['client context not base64', () => refused(send(request('POST', PATH, { 'X-Amz-Client-Context': '%%%' }, '{}')), 'InvalidRequestContentException')],
    ['client context over 3,583 bytes', () => refused(send(request('POST', PATH, { 'X-Amz-Client-Context': 'e30='.repeat(1000) }, '{}')), 'InvalidRequestContentException')],
    ['headers over Node limit', () => refused(send(request('POST', PATH, { 'X-Junk': 'j'.repeat(64 * 1024) }, '{}')))],
    ['not HTTP at all', () => refused(send('HELLO THERE\r\n\r\n'))],
    ['body not JSON', () => refused(send(request('POST', PATH, {}, '{"unterminated": ')), 'InvalidRequestContentException')],
    ['body not UTF-8', () => refused(send(request('POST', PATH, {}, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))), 'InvalidRequestContentException')],
    ['body over 6 MB', () => refused(send(request('POST', PATH, {}, Buffer.alloc(7 * 1024 * 1024, 0x20))), 'RequestTooLargeException')],
    ['Event body over 1 MB', () => refused(send(request('POST', PATH, { 'X-Amz-Invocation-Type': 'Event' }, `"${'e'.repeat(1024 * 1024)}"`)), 'RequestTooLargeException')],
    ['Content-Length longer than the body', async () => {
      const answer = await rawExchange(port, request('POST', PATH, { 'Content-Length': 1000 }, '{}'), 3_000);
      check(answer.status === null || answer.status >= 400, `a cut-short body was invoked: ${answer.text.slice(0, 200)}`);
      await stillServes();
    }],
    ['bad chunked encoding', () => refused(send(Buffer.from(`POST ${PATH} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n`)))],
    ['client leaves mid-invoke', async () => {
      await rawExchange(port, request('POST', PATH, {}, '{"sleep": 0.5}'), 100); // gives up long before the answer
      await new Promise((resolve) => setTimeout(resolve, 700));
      await stillServes();
    }],
  ];

  for (const [name, probe] of cases) {
    it(`${name}: a 4xx, and the server still serves`, async () => {
      const record = await probeFault(AREA, name, probe);
      expect(record).toMatchObject({ outcome: 'handled' });
    }, 60_000);
  }
});
