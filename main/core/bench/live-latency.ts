/** Buckets grow by 1% each, so a quantile read from one is within 0.5% of a value in it. */
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
/** Latencies below this share the first bucket (1 µs: below any request's real latency). */
const FLOOR_MS = 0.001;
/** From 1 µs to past an hour in 1% steps: about 2,200 buckets, 9 KB, whatever the sample count. */
const BUCKETS = Math.ceil(Math.log(4_000_000 / FLOOR_MS) / LOG_GROWTH) + 1;

/**
 * Live percentiles of a bench while it runs, HDR-histogram style: a sample costs one log and one
 * increment (O(1)), a quantile scans a fixed number of buckets, and nothing is ever sorted. The
 * stored run's summary still comes from the exact samples; this is only for the progress line.
 */
export class LiveLatency {
  private readonly counts = new Uint32Array(BUCKETS);
  private total = 0;
  private min = Infinity;
  private max = -Infinity;

  get count(): number {
    return this.total;
  }

  record(latencyMs: number): void {
    if (!Number.isFinite(latencyMs)) return;
    this.counts[bucketOf(latencyMs)]! += 1;
    this.total += 1;
    if (latencyMs < this.min) this.min = latencyMs;
    if (latencyMs > this.max) this.max = latencyMs;
  }

  /** The q-quantile (0..1) by the nearest-rank rule, to within 0.5%; null before any sample. */
  quantile(q: number): number | null {
    if (this.total === 0) return null;
    const rank = Math.max(1, Math.ceil(q * this.total));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!;
      // Clamped to what was seen: a bucket's middle can lie past the largest sample in it.
      if (seen >= rank) return i === 0 ? this.min : Math.min(this.max, Math.max(this.min, valueOf(i)));
    }
    return this.max;
  }
}

function bucketOf(latencyMs: number): number {
  if (latencyMs <= FLOOR_MS) return 0;
  return Math.min(BUCKETS - 1, Math.ceil(Math.log(latencyMs / FLOOR_MS) / LOG_GROWTH));
}

/** The geometric middle of bucket i > 0, which holds (FLOOR·G^(i-1), FLOOR·G^i]. */
function valueOf(i: number): number {
  return FLOOR_MS * GROWTH ** (i - 0.5);
}
