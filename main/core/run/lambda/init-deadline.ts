/**
 * The init phase's clock for one Runtime API: `initTimeoutMs` for a fresh environment; after a
 * miss, Lambda retries init at the first invoke, bounded by the function's timeout instead.
 */
export class InitDeadline {
  private timer: NodeJS.Timeout | null = null;
  private retryNext = false;

  constructor(
    readonly initTimeoutMs: number,
    readonly retryTimeoutMs: number,
  ) {}

  /** Starts the clock for an environment's init; `onMiss` runs if it passes first (`retry`: it was the retry). */
  arm(onMiss: (retry: boolean) => void): void {
    const retry = this.retryNext;
    this.clear();
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.retryNext = !retry; // a retry that misses is not retried again
        onMiss(retry);
      },
      retry ? this.retryTimeoutMs : this.initTimeoutMs,
    );
  }

  /** Init finished, failed, or the API closed: the next environment's init gets the full first budget. */
  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.retryNext = false;
  }
}
