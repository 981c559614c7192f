import type { BenchSampleData } from '../../../shared/contract/runs';

export interface SampleWriterOptions {
  /** Written at once when this many are waiting. */
  maxBatch?: number;
  /** Otherwise written this long after the first one waiting. */
  flushEveryMs?: number;
}

const DEFAULT_MAX_BATCH = 2000;
const DEFAULT_FLUSH_EVERY_MS = 250;

/**
 * Stores a bench's samples as they come, so a killed process loses at most the last quarter of a
 * second. Batched, one transaction per batch: the bench's hot path only pushes onto an array.
 * A failed write (disk full) is raised on the next add or on close, never from the timer.
 */
export class SampleWriter {
  private pending: BenchSampleData[] = [];
  private timer: NodeJS.Timeout | null = null;
  private failure: unknown = null;
  private written = 0;
  private readonly maxBatch: number;
  private readonly flushEveryMs: number;

  constructor(private readonly write: (batch: readonly BenchSampleData[]) => void, options: SampleWriterOptions = {}) {
    this.maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH;
    this.flushEveryMs = options.flushEveryMs ?? DEFAULT_FLUSH_EVERY_MS;
  }

  add(sample: BenchSampleData): void {
    this.throwIfFailed();
    this.pending.push(sample);
    if (this.pending.length >= this.maxBatch) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flushQuietly(), this.flushEveryMs);
  }

  /** How many samples are stored so far. */
  get stored(): number {
    return this.written;
  }

  /** Writes what is waiting; call when the run ends, however it ends. */
  close(): void {
    this.flush();
    this.throwIfFailed();
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0 || this.failure) return;
    const batch = this.pending;
    this.pending = [];
    try {
      this.write(batch);
      this.written += batch.length;
    } catch (error) {
      this.failure = error;
      this.pending = batch;
    }
  }

  private flushQuietly(): void {
    this.timer = null;
    this.flush();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}
