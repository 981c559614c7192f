import { describe, expect, it } from 'vitest';
import { prettyJson } from './pretty-json';

describe('prettyJson', () => {
  it('indents objects and keeps arrays of plain values on one line', () => {
    const body = JSON.stringify({ labels: ['setosa', 'virginica'], probabilities: [[1, 0], [0.25, 0.75]], meta: { ok: true } });
    expect(prettyJson(body)).toBe(
      ['{', '  "labels": ["setosa", "virginica"],', '  "probabilities": [', '    [1, 0],', '    [0.25, 0.75]', '  ],', '  "meta": {', '    "ok": true', '  }', '}'].join('\n'),
    );
  });

  it('leaves a string that is not JSON, and strings holding brackets, as they are', () => {
    expect(prettyJson('Internal error')).toBe('Internal error');
    expect(prettyJson('["a, b", "[c]"]')).toBe('["a, b", "[c]"]');
  });
});
