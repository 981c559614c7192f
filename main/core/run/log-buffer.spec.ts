import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContainerLogBuffer, DEFAULT_LOG_LIMITS, type LogBufferLimits } from './log-buffer';

type Event = { text: string; stream: string };
const small: LogBufferLimits = { flushMs: 100, headLines: 3, headBytes: 1000, tailLines: 2, tailBytes: 1000, sessionLines: 1000, sessionBytes: 100_000 };

describe('ContainerLogBuffer', () => {
  let events: Event[];
  const buffer = (limits = small) => new ContainerLogBuffer((text, stream) => events.push({ text, stream }), limits);
  beforeEach(() => {
    events = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('sends nothing on push; one event per run of same-stream lines on the timer', () => {
    const logs = buffer();
    logs.push('a', 'stdout');
    logs.push('b', 'stdout');
    logs.push('c', 'stderr');
    expect(events).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(events).toEqual([{ text: 'a\nb', stream: 'stdout' }, { text: 'c', stream: 'stderr' }]);
  });

  it('keeps the first and last lines of a flood and says how many were dropped between', () => {
    const logs = buffer();
    for (let i = 0; i < 10; i++) logs.push(`line ${i}`, 'stdout');
    logs.close();
    expect(events.map((e) => e.text)).toEqual([
      'line 0\nline 1\nline 2',
      '… 5 lines dropped',
      'line 8\nline 9',
      'container output: 10 lines, 5 dropped in all (only the first and last lines of a flood are kept)',
    ]);
  });

  it('bounds a window by bytes as well as lines', () => {
    const logs = buffer({ ...small, headLines: 100, headBytes: 10, tailLines: 100, tailBytes: 10 });
    for (let i = 0; i < 6; i++) logs.push('12345', 'stdout');
    logs.flush();
    expect(events.map((e) => e.text)).toEqual(['12345\n12345', '… 2 lines dropped', '12345\n12345']);
  });

  it('once the session budget is spent keeps only the last lines, shown with the count when it closes', () => {
    const logs = buffer({ ...small, sessionLines: 3 });
    for (let i = 0; i < 3; i++) logs.push(`early ${i}`, 'stdout');
    vi.advanceTimersByTime(100);
    for (let i = 0; i < 50; i++) logs.push(`late ${i}`, 'stdout');
    vi.advanceTimersByTime(1000);
    expect(events.map((e) => e.text)).toEqual(['early 0\nearly 1\nearly 2', expect.stringMatching(/^… container output passed 3 lines/)]);
    logs.close();
    expect(events.slice(2).map((e) => e.text)).toEqual(['… 48 lines dropped', 'late 48\nlate 49', expect.stringMatching(/^container output: 53 lines, 48 dropped/)]);
  });

  it('a million lines: every line is either sent or counted as dropped, and the last ones are kept', () => {
    const logs = buffer(DEFAULT_LOG_LIMITS);
    const total = 1_000_000;
    for (let i = 0; i < total; i++) {
      logs.push(`line ${i}`, 'stdout');
      if (i % 10_000 === 0) vi.advanceTimersByTime(DEFAULT_LOG_LIMITS.flushMs);
    }
    logs.close();
    const sent = events.filter((e) => e.stream === 'stdout').reduce((n, e) => n + e.text.split('\n').length, 0);
    expect(sent + logs.dropped).toBe(total);
    expect(events.at(-2)?.text.endsWith(`line ${total - 1}`)).toBe(true);
    expect(events.at(-1)?.text).toBe(`container output: ${total} lines, ${logs.dropped} dropped in all (only the first and last lines of a flood are kept)`);
  });

  it('says nothing about drops when nothing was dropped', () => {
    const logs = buffer();
    logs.push('only', 'stderr');
    logs.close();
    expect(events).toEqual([{ text: 'only', stream: 'stderr' }]);
  });
});
