import { describe, expect, it } from 'vitest';
import { resolveRunId } from './resolve-run-id';

/** A store's prefix lookup over a fixed list of ids (pure logic: the SQL is covered by the CLI walk spec). */
const store = (ids: string[]) => ({ idsStartingWith: (prefix: string, limit: number) => ids.filter((id) => id.startsWith(prefix)).sort().slice(0, limit) });

describe('resolveRunId: git-style short run ids', () => {
  it('takes a full id, even when it is also a prefix of another', () => {
    expect(resolveRunId(store(['ab', 'abc']), 'ab')).toBe('ab');
  });

  it('takes a unique prefix', () => {
    expect(resolveRunId(store(['abc1', 'def2']), 'd')).toBe('def2');
  });

  it('refuses an ambiguous prefix, listing the candidates (at most ten, then "and more")', () => {
    expect(() => resolveRunId(store(['abc1', 'abc2', 'def']), 'abc')).toThrow(/ambiguous: 2 runs' ids start with it:\n {2}abc1\n {2}abc2$/);
    const many = Array.from({ length: 12 }, (_, i) => `r${String(i).padStart(2, '0')}`);
    expect(() => resolveRunId(store(many), 'r')).toThrow(/more than 10 runs' ids start with it:\n( {2}r\d\d\n){10} {2}…and more$/);
  });

  it('says when nothing matches', () => {
    expect(() => resolveRunId(store(['abc']), 'x')).toThrow('No bench run with id x.');
  });
});
