import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter';

const split = (chunks: Buffer[], max?: number) => {
  const lines: string[] = [];
  const splitter = new LineSplitter((line) => lines.push(line), max);
  for (const chunk of chunks) splitter.write(chunk);
  splitter.end();
  return lines;
};

describe('LineSplitter', () => {
  it('splits lines across chunk boundaries, drops \\r, and keeps a last line without a newline', () => {
    expect(split([Buffer.from('one\r\ntw'), Buffer.from('o\n\nthr'), Buffer.from('ee')])).toEqual(['one', 'two', '', 'three']);
  });

  it('decodes a UTF-8 character split across two chunks whole', () => {
    const bytes = Buffer.from('héllo ✓\n');
    expect(split([bytes.subarray(0, 2), bytes.subarray(2, 9), bytes.subarray(9)])).toEqual(['héllo ✓']);
  });

  it('cuts a line over the limit and says how much was cut, however many chunks it came in', () => {
    const chunks = Array.from({ length: 100 }, () => Buffer.alloc(1024, 'x'));
    const [line, next] = split([...chunks, Buffer.from('\nafter\n')], 1000);
    expect(line).toBe(`${'x'.repeat(1000)} … (line cut: ${100 * 1024 - 1000} more characters)`);
    expect(next).toBe('after');
  });

  it('handles a 50 MB line in 64 KiB chunks without building it (linear: each chunk scanned once)', () => {
    const chunk = Buffer.alloc(64 * 1024, 'y');
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line));
    for (let sent = 0; sent < 50 * 1024 * 1024; sent += chunk.length) splitter.write(chunk);
    splitter.write(Buffer.from('\n'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ … \(line cut: 52396032 more characters\)$/);
  });
});
