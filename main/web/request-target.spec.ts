import { describe, expect, it } from 'vitest';
import { parseRequestTarget } from './request-target';

describe('parseRequestTarget', () => {
  it('reads the path and query of an ordinary target', () => {
    const target = parseRequestTarget('/api/call/app%3Ainfo?token=abc&x=1');
    expect(target?.pathname).toBe('/api/call/app:info');
    expect(target?.query.get('token')).toBe('abc');
  });

  it('keeps targets that new URL() throws on or reads as a host as plain paths', () => {
    expect(parseRequestTarget('//')?.pathname).toBe('//');
    expect(parseRequestTarget('///')?.pathname).toBe('///');
    expect(parseRequestTarget('//[')?.pathname).toBe('//[');
    expect(parseRequestTarget('//evil.example/api/call/x')?.pathname).toBe('//evil.example/api/call/x');
  });

  it('refuses bad percent-escapes and non-origin forms with null (the server answers 400)', () => {
    for (const bad of ['/%', '/%zz', '/%c0', '//%', '/a%e2%82', undefined, '', '*', 'http://127.0.0.1/']) {
      expect(parseRequestTarget(bad), String(bad)).toBeNull();
    }
  });

  it('drops a fragment and never throws on an odd query', () => {
    expect(parseRequestTarget('/x#frag?no')).toMatchObject({ pathname: '/x' });
    expect(parseRequestTarget('/x#frag?no')?.query.has('no')).toBe(false);
    expect(parseRequestTarget('/?%zz=%&token')?.query.has('token')).toBe(true);
  });
});
