import type { BenchSampleData } from '../../../shared/contract/runs';

export interface SampleWriterOptions {
  /** Samples written per transaction: small enough that no write holds the event loop for long. */
  sliceSize?: number;
  /** Waiting samples are written this long after the first of them arrived. */
  flushEveryMs?: number;
}

const DEFAULT_SLICE_SIZE = 250;
const DEFAULT_FLUSH_EVERY_MS = 250;

/**
 * Stores a bench's samples as they come, so a killed process loses at most the last quarter of a
 * second. The bench's hot path only pushes onto an array. Writes run on the same event loop that
 * timestamps requests, so they go in slices of a few hundred (about half a millisecond each), one
 * transaction per slice, with a turn of the loop between slices rather than one long stall.
 * A failed write (disk full) is raised on the next add or on close, never from a timer.
 */
export class SampleWriter {
  private pending: BenchSampleData[] = [];
  /** pending[head…] wait; those before it are written (an index, so each slice costs its own size, not the backlog's). */
  private head = 0;
  private scheduled: NodeJS.Timeout | NodeJS.Immediate | null = null;
  private failure: unknown = null;
  private written = 0;
  private readonly sliceSize: number;
  private readonly flushEveryMs: number;

  constructor(private readonly write: (batch: readonly BenchSampleData[]) => void, options: SampleWriterOptions = {}) {
    this.sliceSize = options.sliceSize ?? DEFAULT_SLICE_SIZE;
    this.flushEveryMs = options.flushEveryMs ?? DEFAULT_FLUSH_EVERY_MS;
  }

  add(sample: BenchSampleData): void {
    this.throwIfFailed();
    this.pending.push(sample);
    this.scheduled ??= setTimeout(this.drain, this.flushEveryMs);
  }

  /** Samples given but not yet written. */
  get waiting(): number {
    return this.pending.length - this.head;
  }

  /** How many samples are stored so far. */
  get stored(): number {
    return this.written;
  }

  /** Writes everything still waiting, at once; call when the run ends, however it ends. */
  close(): void {
    this.cancelScheduled();
    while (this.waiting > 0 && !this.failure) this.writeSlice(this.waiting);
    this.throwIfFailed();
  }

  /** One slice now; the rest after the loop has had a turn. */
  private readonly drain = (): void => {
    this.scheduled = null;
    this.writeSlice(this.sliceSize);
    if (this.waiting > 0 && !this.failure) this.scheduled = setImmediate(this.drain);
  };

  private writeSlice(size: number): void {
    if (this.waiting === 0 || this.failure) return;
    const slice = this.pending.slice(this.head, this.head + size);
    try {
      this.write(slice);
    } catch (error) {
      this.failure = error;
      return;
    }
    this.head += slice.length;
    this.written += slice.length;
    if (this.head === this.pending.length) {
      this.pending = [];
      this.head = 0;
    }
  }

  private cancelScheduled(): void {
    if (this.scheduled) {
      clearTimeout(this.scheduled as NodeJS.Timeout);
      clearImmediate(this.scheduled as NodeJS.Immediate);
    }
    this.scheduled = null;
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}
