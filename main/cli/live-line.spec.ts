import { describe, expect, it } from 'vitest';
import { liveLine } from './live-line';

function stream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, write: (chunk: string) => chunks.push(chunk) > 0 } as unknown as NodeJS.WriteStream };
}

describe('liveLine', () => {
  it('on a TTY rewrites one line, steps aside for log lines, and ends with a newline and how it ended', () => {
    const out = stream(true);
    const line = liveLine(out.stream);
    line.update({ text: 'measuring 1/10', milestone: true });
    line.update({ text: 'measuring 5/10', milestone: false });
    line.around(() => out.stream.write('a log line\n'));
    line.end('cancelled');
    expect(out.chunks.join('')).toBe('\rmeasuring 1/10\x1b[K\rmeasuring 5/10\x1b[K\r\x1b[Ka log line\n\rmeasuring 5/10\x1b[K\rcancelled: measuring 5/10\x1b[K\n');
  });

  it('off a TTY prints a plain line every 3 s and at milestones, never a carriage return', () => {
    const out = stream(false);
    let t = 0;
    const line = liveLine(out.stream, () => t);
    line.update({ text: 'measuring 0/100', milestone: true });
    for (let i = 1; i <= 20; i++) {
      t += 400;
      line.update({ text: `measuring ${i}/100`, milestone: false });
    }
    line.update({ text: 'measuring 100/100', milestone: true });
    line.end();
    // At 0 s, then 3.2 s and 6.4 s, then the milestone; end() does not repeat the last line.
    expect(out.chunks).toEqual(['measuring 0/100\n', 'measuring 8/100\n', 'measuring 16/100\n', 'measuring 100/100\n']);
  });

  it('off a TTY, a job that ends early says how with the last numbers', () => {
    const out = stream(false);
    let t = 0;
    const line = liveLine(out.stream, () => t);
    line.update({ text: 'measuring 0/100', milestone: true });
    t += 1_000;
    line.update({ text: 'measuring 40/100', milestone: false });
    line.end('cancelled');
    expect(out.chunks).toEqual(['measuring 0/100\n', 'cancelled: measuring 40/100\n']);
  });
});
