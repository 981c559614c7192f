import { describe, expect, it } from 'vitest';
import { checkPayload, MAX_EVENT_PAYLOAD_BYTES, MAX_SYNC_PAYLOAD_BYTES, parseInvokeHeaders } from './invoke-request';
import { InvocationLog, LOG_TAIL_BYTES } from './log-tail';

const thrown = (work: () => unknown) => {
  try {
    work();
    return null;
  } catch (error) {
    return error as { status: number; errorType: string; message: string };
  }
};

describe('Invoke request checks', () => {
  it('defaults to RequestResponse and None; refuses values outside the model enums', () => {
    expect(parseInvokeHeaders({})).toEqual({ invocationType: 'RequestResponse', logType: 'None' });
    expect(thrown(() => parseInvokeHeaders({ 'x-amz-invocation-type': 'Sync' }))).toMatchObject({ status: 400, errorType: 'ValidationException' });
    expect(thrown(() => parseInvokeHeaders({ 'x-amz-log-type': 'tail' }))).toMatchObject({ status: 400, errorType: 'ValidationException' });
  });

  it('decodes ClientContext, and refuses one that is not base64 of a JSON object with Lambda message', () => {
    const encoded = Buffer.from('{"custom":{"a":1}}').toString('base64');
    expect(parseInvokeHeaders({ 'x-amz-client-context': encoded }).clientContext).toBe('{"custom":{"a":1}}');
    for (const bad of ['not base64!', Buffer.from('[1]').toString('base64'), Buffer.from('{').toString('base64'), 'A'.repeat(3584)]) {
      expect(thrown(() => parseInvokeHeaders({ 'x-amz-client-context': bad })), bad.slice(0, 20)).toMatchObject({ status: 400, errorType: 'InvalidRequestContentException' });
    }
  });

  it('holds synchronous payloads to 6 MiB and Event payloads to 1 MiB, by the size the client sent', () => {
    expect(checkPayload(Buffer.from('1'), MAX_SYNC_PAYLOAD_BYTES, 'RequestResponse')).toEqual(Buffer.from('1'));
    expect(thrown(() => checkPayload(Buffer.from('1'), MAX_SYNC_PAYLOAD_BYTES + 1, 'RequestResponse'))).toMatchObject({ status: 413, message: 'Request must be smaller than 6291456 bytes for the InvokeFunction operation' });
    expect(thrown(() => checkPayload(Buffer.from('1'), MAX_EVENT_PAYLOAD_BYTES + 1, 'Event'))).toMatchObject({ status: 413, errorType: 'RequestTooLargeException' });
  });

  it('passes an empty body as {} and refuses non-UTF-8 or non-JSON bodies as Lambda does', () => {
    expect(checkPayload(Buffer.alloc(0), 0, 'RequestResponse').toString()).toBe('{}');
    expect(thrown(() => checkPayload(Buffer.from([0x22, 0x97, 0x22]), 3, 'RequestResponse'))?.message).toBe('Could not parse request body into json: Could not parse payload into json: Invalid UTF-8 start byte 0x97');
    expect(thrown(() => checkPayload(Buffer.from('e30'), 3, 'RequestResponse'))).toMatchObject({ status: 400, errorType: 'InvalidRequestContentException' });
  });
});

describe('InvocationLog', () => {
  const report = { requestId: 'r-1', durationMs: 1.5, billedDurationMs: 2, memorySizeMb: 128, maxMemoryUsedMb: null, initDurationMs: null };

  it('frames the output with START, END and REPORT, as Lambda writes the log', () => {
    const log = new InvocationLog();
    log.add('hello');
    expect(Buffer.from(log.tail(report, '$LATEST'), 'base64').toString()).toBe(
      'START RequestId: r-1 Version: $LATEST\nhello\nEND RequestId: r-1\nREPORT RequestId: r-1\tDuration: 1.50 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\t\n',
    );
  });

  it('keeps the last 4 KB of a 1 MB output, cut by bytes as Lambda cuts it', () => {
    const log = new InvocationLog();
    for (let i = 0; i < 20_000; i++) log.add(`line ${i} ${'y'.repeat(40)}`); // ~1 MB
    const tail = Buffer.from(log.tail(report, '$LATEST'), 'base64').toString();
    expect(Buffer.byteLength(tail)).toBe(LOG_TAIL_BYTES);
    expect(tail).toContain('line 19999 ');
    expect(tail.endsWith('Memory Size: 128 MB\t\n')).toBe(true);
  });
});
