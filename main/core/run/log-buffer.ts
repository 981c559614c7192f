import { formatBytes } from '../../../shared/text/bytes';

/** Container streams, and 'info' for Skylift's own notes about the container. */
export type LogStream = 'stdout' | 'stderr' | 'info';
type Emit = (text: string, stream: LogStream) => void;

export interface LogBufferLimits {
  /** Lines wait this long, then go out as one job event per run of same-stream lines. */
  flushMs: number;
  /** Per flush window: the first lines kept ... */
  headLines: number;
  headBytes: number;
  /** ... and the last ones; the lines between are counted as dropped. */
  tailLines: number;
  tailBytes: number;
  /** Per session: once this much has gone out, only the last lines are kept, shown when the session ends. */
  sessionLines: number;
  sessionBytes: number;
}

/** ~2,400 lines/s reach the job log at most, and 8 MiB per session: enough for tracebacks and prints, not a flood. */
export const DEFAULT_LOG_LIMITS: LogBufferLimits = {
  flushMs: 250,
  headLines: 500,
  headBytes: 256 * 1024,
  tailLines: 100,
  tailBytes: 64 * 1024,
  sessionLines: 50_000,
  sessionBytes: 8 * 1024 * 1024,
};

interface Line {
  text: string;
  stream: LogStream;
  bytes: number;
}

/**
 * A container's output on its way to the job log, kept off the request hot path: push() only
 * appends to memory; redaction, the SQLite insert and the broadcast happen once per flush for a
 * whole batch. Bounded per window and per session; what is dropped is counted and said.
 */
export class ContainerLogBuffer {
  private head: Line[] = [];
  private headBytes = 0;
  private readonly tail: LineRing;
  private droppedInWindow = 0;
  private droppedTotal = 0;
  private seenTotal = 0;
  private sentLines = 0;
  private sentBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly emit: Emit,
    private readonly limits: LogBufferLimits = DEFAULT_LOG_LIMITS,
  ) {
    this.tail = new LineRing(limits.tailLines, limits.tailBytes);
  }

  /** One line of container output; O(1), no I/O. */
  readonly push = (text: string, stream: LogStream): void => {
    if (this.closed) return;
    this.seenTotal++;
    const line = { text, stream, bytes: Buffer.byteLength(text) };
    if (this.sessionSpent || this.tail.size > 0 || !this.headHasRoom(line)) {
      this.droppedInWindow += this.tail.push(line);
    } else {
      this.head.push(line);
      this.headBytes += line.bytes;
    }
    if (!this.sessionSpent) this.arm();
  };

  /** Emits what is buffered; the session's tail-only lines wait for close(). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.sessionSpent) return;
    this.sendWindow();
    if (this.sessionSpent) {
      const { sessionLines, sessionBytes, tailLines } = this.limits;
      this.emit(`… container output passed ${sessionLines} lines or ${formatBytes(sessionBytes)}: from here on only the last ${tailLines} lines are kept, shown when it stops`, 'info');
    }
  }

  /** The session ended: the last lines and the honest count of what was dropped. */
  close(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.sendWindow();
    this.closed = true;
    if (this.droppedTotal > 0) this.emit(`container output: ${this.seenTotal} lines, ${this.droppedTotal} dropped in all (only the first and last lines of a flood are kept)`, 'info');
  }

  get dropped(): number {
    return this.droppedTotal + this.droppedInWindow;
  }

  private get sessionSpent(): boolean {
    return this.sentLines >= this.limits.sessionLines || this.sentBytes >= this.limits.sessionBytes;
  }

  private headHasRoom(line: Line): boolean {
    return this.head.length < this.limits.headLines && this.headBytes + line.bytes <= this.limits.headBytes;
  }

  private sendWindow(): void {
    this.sendLines(this.head);
    if (this.droppedInWindow > 0) this.emit(`… ${this.droppedInWindow} lines dropped`, 'info');
    this.sendLines(this.tail.drain());
    this.droppedTotal += this.droppedInWindow;
    this.droppedInWindow = 0;
    this.head = [];
    this.headBytes = 0;
  }

  /** One job event per run of consecutive lines from the same stream. */
  private sendLines(lines: readonly Line[]): void {
    let start = 0;
    for (let i = 1; i <= lines.length; i++) {
      if (i < lines.length && lines[i].stream === lines[start].stream) continue;
      if (start < lines.length) this.emit(lines.slice(start, i).map((l) => l.text).join('\n'), lines[start].stream);
      start = i;
    }
    this.sentLines += lines.length;
    for (const line of lines) this.sentBytes += line.bytes;
  }

  private arm(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.limits.flushMs);
    this.timer.unref();
  }
}

/** The last lines within a line and byte budget; push returns how many old lines it evicted. */
class LineRing {
  private lines: Line[] = [];
  private first = 0;
  private bytes = 0;

  constructor(
    private readonly maxLines: number,
    private readonly maxBytes: number,
  ) {}

  get size(): number {
    return this.lines.length - this.first;
  }

  push(line: Line): number {
    this.lines.push(line);
    this.bytes += line.bytes;
    let evicted = 0;
    while (this.size > this.maxLines || (this.bytes > this.maxBytes && this.size > 1)) {
      this.bytes -= this.lines[this.first++].bytes;
      evicted++;
    }
    // Compact now and then, so the array does not grow with every line ever pushed.
    if (this.first > this.maxLines) {
      this.lines = this.lines.slice(this.first);
      this.first = 0;
    }
    return evicted;
  }

  drain(): Line[] {
    const lines = this.lines.slice(this.first);
    this.lines = [];
    this.first = 0;
    this.bytes = 0;
    return lines;
  }
}
