import { describe, expect, it } from 'vitest';
import { matchRoute } from './routes';

describe('matchRoute', () => {
  it("maps the spec's four operations", () => {
    expect(matchRoute('GET', '/2018-06-01/runtime/invocation/next')).toEqual({ route: { name: 'next' } });
    expect(matchRoute('POST', '/2018-06-01/runtime/invocation/abc-1/response')).toEqual({ route: { name: 'response', requestId: 'abc-1' } });
    expect(matchRoute('POST', '/2018-06-01/runtime/invocation/abc-1/error')).toEqual({ route: { name: 'invocation-error', requestId: 'abc-1' } });
    expect(matchRoute('POST', '/2018-06-01/runtime/init/error')).toEqual({ route: { name: 'init-error' } });
  });

  it('decodes the request id and ignores a query string', () => {
    expect(matchRoute('POST', '/2018-06-01/runtime/invocation/a%20b/response?x=1')).toEqual({ route: { name: 'response', requestId: 'a b' } });
  });

  it('answers 405 with the allowed method for a known path, 404 otherwise', () => {
    expect(matchRoute('POST', '/2018-06-01/runtime/invocation/next')).toEqual({ status: 405, allow: 'GET' });
    expect(matchRoute('GET', '/2018-06-01/runtime/invocation/abc/response')).toEqual({ status: 405, allow: 'POST' });
    expect(matchRoute('PUT', '/2018-06-01/runtime/init/error')).toEqual({ status: 405, allow: 'POST' });
    expect(matchRoute('GET', '/2018-06-01/runtime/invocation')).toEqual({ status: 404 });
    expect(matchRoute('GET', '/2020-01-01/runtime/invocation/next')).toEqual({ status: 404 });
    expect(matchRoute('POST', '/2018-06-01/runtime/invocation/a/b/response')).toEqual({ status: 404 });
    expect(matchRoute('POST', '/2018-06-01/runtime/invocation/%E0%A4%A/response')).toEqual({ status: 404 });
  });

  it('answers 404, never throws, for request targets new URL() cannot parse', () => {
    for (const target of ['//', '///', '//[', '//%', '', '*', '%', '/%zz', '//runtime-api/2018-06-01/runtime/invocation/next', '/2018-06-01/runtime/invocation/%zz/response']) {
      expect(matchRoute('POST', target), target).toEqual({ status: 404 });
    }
  });
});
