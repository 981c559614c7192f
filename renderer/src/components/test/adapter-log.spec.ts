import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../hooks/job-buffer';
import { fittedLogHeight, isNarration, softenNarration } from './adapter-log';

describe('isNarration', () => {
  it("reads the adapter's and Lambda's own narration as info", () => {
    for (const line of ['skylift: listening on 0.0.0.0:8080', 'skylift: model loaded in 41 ms', 'START RequestId: 1f Version: $LATEST', 'REPORT RequestId: 1f\tDuration: 2.1 ms', 'INFO: ready', '[INFO] started']) {
      expect(isNarration(line), line).toBe(true);
    }
  });

  it('keeps errors, warnings, tracebacks and unknown stderr as they came', () => {
    for (const line of ['skylift: predict failed: ValueError: bad input', 'skylift:   File "/app/model.py", line 31', 'skylift: Traceback (most recent call last):', 'Traceback (most recent call last):', 'numpy warning', 'Segmentation fault']) {
      expect(isNarration(line), line).toBe(false);
    }
  });
});

describe('softenNarration', () => {
  it('turns only harmless stderr into info, and adds only the new lines to what it had', () => {
    const lines: LogLine[] = [
      { line: 'skylift: ready', stream: 'stderr' },
      { line: 'skylift: predict failed: KeyError', stream: 'stderr' },
      { line: 'skylift: ready', stream: 'stdout' },
    ];
    const out = softenNarration(lines, 2, []);
    expect(out.map((l) => l.stream)).toEqual(['info', 'stderr']);
    expect(softenNarration(lines, 3, out).map((l) => l.stream)).toEqual(['info', 'stderr', 'stdout']);
  });
});

describe('fittedLogHeight', () => {
  it('sizes the pane to its lines, with a floor for "no output" and a cap past which it scrolls', () => {
    expect(fittedLogHeight(0)).toBe(44);
    expect(fittedLogHeight(5)).toBe(116);
    expect(fittedLogHeight(10_000)).toBe(420);
  });
});
