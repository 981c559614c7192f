import { describe, expect, it } from 'vitest';
import { capBody, compareAnswers, firstJsonDifference, firstTextDifference, RESULT_BODY_LIMIT_BYTES } from './verify-answer';

describe('compareAnswers', () => {
  it('compares JSON as JSON: key order and spacing do not count', () => {
    expect(compareAnswers('{"a":1,"b":[1,2]}', { ok: true, body: '{ "b": [1, 2], "a": 1 }' })).toMatchObject({ status: 'pass' });
  });

  it('names the first JSON difference by path, with both sides', () => {
    expect(compareAnswers('{"label":"setosa","scores":[0.1,0.9]}', { ok: true, body: '{"label":"setosa","scores":[0.1,0.8]}' })).toEqual({
      name: 'Same answer as the local variant',
      status: 'fail',
      detail: 'The answers differ at $.scores[1]: Lambda "0.9", local "0.8".',
    });
    expect(firstJsonDifference({ a: 1 }, { a: 1, b: 2 })).toBe('$.b: only in the local answer ("2")');
    expect(firstJsonDifference({ a: 1, c: 3 }, { a: 1 })).toBe('$.c: only in Lambda\'s answer ("3")');
    expect(firstJsonDifference([1, 2, 3], [1, 2])).toBe('$: Lambda has 3 items, local 2');
    expect(firstJsonDifference({ a: [1] }, { a: { 0: 1 } })).toBe('$.a: Lambda "[1]", local "{\\"0\\":1}"');
  });

  it('compares other answers byte for byte, showing where they part', () => {
    expect(compareAnswers('hello world', { ok: true, body: 'hello world' })).toMatchObject({ status: 'pass' });
    expect(firstTextDifference('hello world', 'hello there')).toBe('from character 6: Lambda "world", local "there" (11 and 11 characters)');
    // One side JSON, the other not: bytes.
    expect(compareAnswers('{"a":1}', { ok: true, body: '{"a":1}x' })).toMatchObject({ status: 'fail', detail: expect.stringContaining('from character 7') });
  });

  it('keeps a difference short however big the answers are', () => {
    const big = 'x'.repeat(6 * 1024 * 1024);
    const check = compareAnswers(`${big}A`, { ok: true, body: `${big}B` });
    expect(check.status).toBe('fail');
    expect(check.detail.length).toBeLessThan(300);
    const json = compareAnswers(JSON.stringify({ v: big }), { ok: true, body: JSON.stringify({ v: `${big}!` }) });
    expect(json.detail.length).toBeLessThan(300);
  });

  it('falls back to bytes when the JSON nests deeper than the stack, instead of failing verify', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(compareAnswers(deep, { ok: true, body: deep })).toMatchObject({ status: 'pass' });
  });

  it('without a usable local answer it warns rather than fails', () => {
    expect(compareAnswers('{}', null)).toMatchObject({ status: 'warn' });
    expect(compareAnswers('{}', { ok: false, body: 'connection refused' })).toMatchObject({ status: 'warn', detail: expect.stringContaining('connection refused') });
  });
});

describe('capBody', () => {
  it('keeps small bodies whole and cuts big ones with a marker saying how much there was', () => {
    expect(capBody('{"ok":true}')).toBe('{"ok":true}');
    const cut = capBody('y'.repeat(RESULT_BODY_LIMIT_BYTES + 10));
    expect(cut.startsWith('y'.repeat(RESULT_BODY_LIMIT_BYTES))).toBe(true);
    expect(cut.endsWith(`… [cut: ${(RESULT_BODY_LIMIT_BYTES + 10).toLocaleString('en-US')} bytes in all, the first 65,536 shown]`)).toBe(true);
  });
});
