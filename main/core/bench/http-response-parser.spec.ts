import { describe, expect, it } from 'vitest';
import { HttpParseError, HttpResponseParser, type ParsedResponse } from './http-response-parser';

function parse(chunks: Array<string | Buffer>, end = false): ParsedResponse[] {
  const responses: ParsedResponse[] = [];
  const parser = new HttpResponseParser((r) => responses.push(r));
  for (const chunk of chunks) parser.execute(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, 'latin1'));
  if (end) parser.finish();
  return responses;
}

/** Every way of cutting text in two, and one byte at a time. */
function splits(text: string): string[][] {
  const ways = Array.from({ length: text.length - 1 }, (_, i) => [text.slice(0, i + 1), text.slice(i + 1)]);
  ways.push([...text]);
  return ways;
}

const plain = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Skylift-Duration-Ms: 12.5\r\n\r\nok';
const chunked = 'HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\na\r\n0123456789\r\n0\r\nX-Trailer: 1\r\n\r\n';

describe('HttpResponseParser', () => {
  it('reads status, duration and body length, however the bytes are split', () => {
    for (const chunks of [[plain], ...splits(plain)]) {
      expect(parse(chunks)).toEqual([{ status: 200, serverDurationMs: 12.5, keepAlive: true, bodyBytes: 2 }]);
    }
  });

  it('reads the duration header in any case, and a bad value as null', () => {
    expect(parse(['HTTP/1.1 200 OK\r\nx-skylift-DURATION-ms:  3\r\nContent-Length: 0\r\n\r\n'])[0].serverDurationMs).toBe(3);
    expect(parse(['HTTP/1.1 200 OK\r\nX-Skylift-Duration-Ms: soon\r\nContent-Length: 0\r\n\r\n'])[0].serverDurationMs).toBeNull();
    expect(parse(['HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'])[0].serverDurationMs).toBeNull();
  });

  it('reads chunked bodies, with extensions and trailers, however the bytes are split', () => {
    for (const chunks of [[chunked], ...splits(chunked)]) {
      expect(parse(chunks)).toEqual([{ status: 201, serverDurationMs: null, keepAlive: true, bodyBytes: 15 }]);
    }
  });

  it('reads several responses from one chunk and across chunks', () => {
    const two = plain + chunked + plain;
    expect(parse([two]).map((r) => r.status)).toEqual([200, 201, 200]);
    expect(parse([two.slice(0, 50), two.slice(50, 51), two.slice(51)]).map((r) => r.status)).toEqual([200, 201, 200]);
  });

  it('honours Connection: close, HTTP/1.0 and bodies that run to the end of the connection', () => {
    expect(parse(['HTTP/1.1 503 Busy\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx'])[0]).toMatchObject({ status: 503, keepAlive: false });
    expect(parse(['HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n'])[0].keepAlive).toBe(false);
    expect(parse(['HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n'])[0].keepAlive).toBe(true);
    const untilEnd = ['HTTP/1.1 200 OK\r\n\r\nsome', ' body'];
    expect(parse(untilEnd)).toEqual([]);
    expect(parse(untilEnd, true)).toEqual([{ status: 200, serverDurationMs: null, keepAlive: false, bodyBytes: 9 }]);
  });

  it('skips interim 1xx responses and knows 204 has no body', () => {
    expect(parse(['HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n'])).toEqual([{ status: 204, serverDurationMs: null, keepAlive: true, bodyBytes: 0 }]);
  });

  it('rejects malformed responses and a connection closed mid-response', () => {
    expect(() => parse(['SSH-2.0-OpenSSH\r\n\r\n'])).toThrow(HttpParseError);
    expect(() => parse(['HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n'])).toThrow(HttpParseError);
    expect(() => parse(['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'])).toThrow(HttpParseError);
    expect(() => parse(['HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab'], true)).toThrow(HttpParseError);
    expect(() => parse(['HTTP/1.1 200'], true)).toThrow(HttpParseError);
    expect(() => parse([], true)).not.toThrow();
  });
});
