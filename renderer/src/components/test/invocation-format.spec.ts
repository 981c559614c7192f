import { describe, expect, it } from 'vitest';
import { readableBody, reportFigures, setupLabel } from './invocation-format';

describe('readableBody', () => {
  it("shows Lambda's error as its type and message, then the stack trace line by line", () => {
    const body = JSON.stringify({
      errorMessage: 'send {"inputs": [[...]]}',
      errorType: 'ValueError',
      stackTrace: ['  File "/var/task/model.py", line 31, in _inputs\n    raise ValueError(USAGE)\n', '  File "/var/task/x.py", line 2, in f\n'],
    });
    expect(readableBody(body)).toEqual({
      kind: 'error',
      heading: 'ValueError: send {"inputs": [[...]]}',
      trace: '  File "/var/task/model.py", line 31, in _inputs\n    raise ValueError(USAGE)\n  File "/var/task/x.py", line 2, in f',
    });
  });

  it("shows the HTTP adapter's error object and a bare error string", () => {
    expect(readableBody('{"error": {"type": "ValueError", "message": "bad input"}}')).toEqual({ kind: 'error', heading: 'ValueError: bad input', trace: '' });
    expect(readableBody('{"error": "Traceback (most recent call last):\\n  File \\"m.py\\"\\nKeyError: 1"}')).toEqual({
      kind: 'error',
      heading: 'Traceback (most recent call last):',
      trace: '  File "m.py"\nKeyError: 1',
    });
  });

  it('unescapes a JSON string full of line breaks into lines, and leaves other answers as JSON or text', () => {
    expect(readableBody('"Traceback:\\n  line 1\\nValueError"')).toEqual({ kind: 'text', text: 'Traceback:\n  line 1\nValueError' });
    expect(readableBody('"ok"')).toEqual({ kind: 'json', text: '"ok"' });
    expect(readableBody('{"labels": ["setosa"]}')).toEqual({ kind: 'json', text: '{\n  "labels": ["setosa"]\n}' });
    expect(readableBody('Internal Server Error')).toEqual({ kind: 'text', text: 'Internal Server Error' });
    expect(readableBody('{"error": null}')).toEqual({ kind: 'json', text: '{\n  "error": null\n}' });
  });
});

describe('reportFigures', () => {
  it('labels every number the REPORT gave, Init Duration only on a cold start', () => {
    const cold = reportFigures(12.34, { initDurationMs: 150.5, billedDurationMs: 163, maxMemoryUsedMb: 64, memorySizeMb: 1024 });
    expect(cold.map((f) => [f.label, f.value])).toEqual([
      ['Duration', '12.3 ms'],
      ['Billed', '163 ms'],
      ['Memory', '1024 MB'],
      ['Max memory used', '64 MB'],
      ['Init Duration', '151 ms'],
    ]);
    const warm = reportFigures(3, { initDurationMs: null, billedDurationMs: 3, maxMemoryUsedMb: null });
    expect(warm.map((f) => f.label)).toEqual(['Duration', 'Billed']);
  });

  it('names what model setup is on each protocol', () => {
    expect(setupLabel(true)).toBe('Model setup (Lambda Init Duration)');
    expect(setupLabel(false)).toBe('Model setup (adapter load time)');
  });
});
