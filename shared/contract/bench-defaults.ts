/**
 * What a bench does when the user says nothing more: the contract's defaults, the UI's Bench form
 * and `skylift bench` all read these, so the two faces run the same bench.
 * - concurrency 2: shows whether the model serves requests side by side, at no real cost;
 *   1 would hide queueing, more would start several Lambda environments for a first look.
 * - cold starts 0: each one restarts the container (on aws-lambda, a new environment: seconds
 *   each), so measuring them is a choice the user makes (--cold, or the form's field).
 */
export const BENCH_DEFAULTS = {
  requests: 200,
  concurrency: 2,
  /** Open loop, when chosen: arrivals per second and seconds. */
  ratePerSec: 50,
  durationSec: 10,
  warmup: 10,
  coldStarts: 0,
} as const;
