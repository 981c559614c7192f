import { describe, expect, it } from 'vitest';
import { describeJsonProblem, jsonProblem } from './json-problem';

describe('jsonProblem', () => {
  it('accepts JSON and empty text', () => {
    for (const text of ['', '  ', '{"inputs": [[5.1, 3.5, 1.4, 0.2]]}', '[]', '"a\\n\\u00e9"', '-1.5e3', 'null', ' {\n "a": {"b": [true, false]}\n}\n']) {
      expect(jsonProblem(text), text).toBeNull();
      if (text.trim()) expect(() => JSON.parse(text)).not.toThrow();
    }
  });

  it('says the line and column of the first character that is not JSON', () => {
    expect(jsonProblem('hello')).toEqual({ line: 1, column: 1, what: 'unexpected "h"' });
    expect(jsonProblem('{\n  "inputs": [1, 2,]\n}')).toEqual({ line: 2, column: 19, what: 'unexpected "]"' });
    expect(jsonProblem("{'a': 1}")).toEqual({ line: 1, column: 2, what: `unexpected "'"` });
    expect(jsonProblem('{"a": 1} x')).toEqual({ line: 1, column: 10, what: 'unexpected "x"' });
    expect(jsonProblem('{"a": 01}')).toEqual({ line: 1, column: 8, what: 'unexpected "1"' });
  });

  it('says when the text ends early', () => {
    expect(jsonProblem('{"inputs": [[1, 2')).toEqual({ line: 1, column: 18, what: 'the text ends before the JSON is complete' });
    expect(describeJsonProblem(jsonProblem('[1,\n')!)).toBe('Not JSON at line 2, column 1: the text ends before the JSON is complete.');
  });

  it('agrees with JSON.parse on what is JSON', () => {
    for (const text of ['{"a":1,}', '[1 2]', 'tru', '"\t"', '"\\x"', '{"a" 1}', '1.', '.5', '+1', 'NaN', '{} {}']) {
      expect(jsonProblem(text), text).not.toBeNull();
      expect(() => JSON.parse(text), text).toThrow();
    }
  });
});
