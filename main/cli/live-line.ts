/** A progress line worth printing even off a TTY: a new phase, or the last of one. */
export interface LiveText {
  text: string;
  milestone: boolean;
}

export interface LiveLine {
  update(live: LiveText): void;
  /** Around other output on the same stream: the line steps aside and comes back under it. */
  around(write: () => void): void;
  /** The line stays on screen; `note` says how it ended when that was not by finishing. */
  end(note?: string): void;
}

/** Off a TTY, a line this often (and at milestones), so a CI log gets a pulse, not thousands of lines. */
const PLAIN_EVERY_MS = 3_000;

/**
 * Live progress on stderr as k6 and wrk show it: on a TTY one line that rewrites itself; otherwise a
 * plain line every few seconds and at each milestone.
 */
export function liveLine(stream: NodeJS.WriteStream = process.stderr, now: () => number = Date.now): LiveLine {
  const tty = Boolean(stream.isTTY);
  let last: string | null = null;
  let shown = false;
  let printedAt = -Infinity;
  let printedText: string | null = null;
  const draw = () => last !== null && stream.write(`\r${last}\x1b[K`);
  return {
    update({ text, milestone }) {
      last = text;
      if (tty) {
        draw();
        shown = true;
      } else if (milestone || now() - printedAt >= PLAIN_EVERY_MS) {
        if (text === printedText) return;
        stream.write(`${text}\n`);
        printedAt = now();
        printedText = text;
      }
    },
    around(write) {
      if (tty && shown) stream.write('\r\x1b[K');
      write();
      if (tty && shown) draw();
    },
    end(note) {
      if (last === null) return;
      const text = note ? `${note}: ${last}` : last;
      if (tty) {
        if (shown) stream.write(`\r${text}\x1b[K\n`);
      } else if (text !== printedText) stream.write(`${text}\n`);
      last = null;
    },
  };
}
