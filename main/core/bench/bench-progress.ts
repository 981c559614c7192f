import { performance } from 'node:perf_hooks';
import type { BenchProgress } from '../../../shared/contract/jobs';
import { LiveLatency } from './live-latency';
import type { ClosedLoopOptions, OpenLoopOptions } from './types';

/** The rate is over the last few seconds, so a stall shows within them rather than being averaged away. */
const RATE_WINDOW_MS = 5_000;
/** Shorter than this, a rate is noise. */
const MIN_RATE_SPAN_MS = 200;

/**
 * A bench's live numbers for its progress events: done of total, elapsed, ETA, recent rate, errors and
 * live p50/p99. Each sample costs O(1); a snapshot costs a fixed amount (histogram buckets and a few
 * rate points), however many samples came before.
 */
export class BenchProgressTracker {
  private readonly latency = new LiveLatency();
  private done = 0;
  private errors = 0;
  private startedAt: number | null = null;
  /** (time, done) at recent snapshots: a handful, trimmed to the rate window. */
  private readonly points: Array<{ atMs: number; done: number }> = [];
  readonly total: number;
  private readonly scheduleMs: number | null;

  constructor(load: ClosedLoopOptions | OpenLoopOptions, private readonly now: () => number = () => performance.now()) {
    this.total = load.mode === 'closed' ? load.requests : Math.round(load.ratePerSec * load.durationSec);
    this.scheduleMs = load.mode === 'open' ? load.durationSec * 1000 : null;
  }

  /** The warm-up is over: measured requests count from here. */
  start(): void {
    this.startedAt = this.now();
    this.points.length = 0;
    this.points.push({ atMs: this.startedAt, done: 0 });
  }

  add(sample: { latencyMs: number; ok: boolean }): void {
    this.done += 1;
    if (!sample.ok) this.errors += 1;
    this.latency.record(sample.latencyMs);
  }

  snapshot(): BenchProgress {
    if (this.startedAt === null) {
      return { phase: 'warmup', done: 0, total: this.total, elapsedMs: 0, etaMs: null, ratePerSec: null, errors: 0, p50Ms: null, p99Ms: null };
    }
    const atMs = this.now();
    const elapsedMs = Math.max(0, atMs - this.startedAt);
    const ratePerSec = this.recentRate(atMs);
    return {
      phase: 'measuring',
      done: this.done,
      total: this.total,
      elapsedMs,
      etaMs: this.eta(elapsedMs, ratePerSec),
      ratePerSec,
      errors: this.errors,
      p50Ms: this.latency.quantile(0.5),
      p99Ms: this.latency.quantile(0.99),
    };
  }

  private recentRate(atMs: number): number | null {
    this.points.push({ atMs, done: this.done });
    // Keep one point at or before the window's start, so the span covers the whole window.
    while (this.points.length > 2 && atMs - this.points[1]!.atMs >= RATE_WINDOW_MS) this.points.shift();
    const first = this.points[0]!;
    const spanMs = atMs - first.atMs;
    return spanMs >= MIN_RATE_SPAN_MS ? ((this.done - first.done) * 1000) / spanMs : null;
  }

  /** Closed loop: what is left at the recent rate. Open loop: the rest of the schedule, then the rate for stragglers. */
  private eta(elapsedMs: number, ratePerSec: number | null): number | null {
    const remaining = Math.max(0, this.total - this.done);
    if (remaining === 0) return 0;
    if (this.scheduleMs !== null && elapsedMs < this.scheduleMs) return this.scheduleMs - elapsedMs;
    return ratePerSec ? (remaining / ratePerSec) * 1000 : null;
  }
}

/** Cold starts: k of K done, the ETA from their average so far. */
export function coldStartProgress(done: number, total: number, elapsedMs: number, errors: number): BenchProgress {
  const etaMs = done > 0 ? (elapsedMs / done) * (total - done) : null;
  return { phase: 'cold', done, total, elapsedMs, etaMs, ratePerSec: null, errors, p50Ms: null, p99Ms: null };
}

/**
 * One line for people, k6 style: `measuring 6,462/20,000 · 12.1 s, ETA 25.3 s · 534 req/s · p50 1.9 ms p99 8.3 ms · 0 errors`.
 * The progress event's message and the CLI's live line both read this.
 */
export function describeProgress(p: BenchProgress): string {
  if (p.phase === 'warmup') return `warming up before ${count(p.total ?? 0)} measured requests`;
  const of = `${count(p.done)}/${p.total === null ? '?' : count(p.total)}`;
  const time = `${seconds(p.elapsedMs)}${p.etaMs === null ? '' : `, ETA ${seconds(p.etaMs)}`}`;
  const errors = `${count(p.errors)} error${p.errors === 1 ? '' : 's'}`;
  if (p.phase === 'cold') return `cold start ${Math.min(p.done + 1, p.total ?? p.done + 1)}/${p.total ?? '?'} · ${time} · ${errors}`;
  const rate = p.ratePerSec === null ? null : `${count(Math.round(p.ratePerSec))} req/s`;
  const latency = p.p50Ms === null || p.p99Ms === null ? null : `p50 ${ms(p.p50Ms)} p99 ${ms(p.p99Ms)}`;
  return ['measuring ' + of, time, rate, latency, errors].filter((part) => part !== null).join(' · ');
}

const count = (n: number) => n.toLocaleString('en-US');
/** "12.3 s" under a minute, then "4 min 05 s", then "2 h 43 min": an hours-long ETA read at a glance. */
function seconds(msValue: number): string {
  if (msValue < 60_000) return `${(msValue / 1000).toFixed(1)} s`;
  const whole = Math.round(msValue / 1000);
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
  return `${Math.floor(whole / 3600)} h ${String(Math.floor((whole % 3600) / 60)).padStart(2, '0')} min`;
}
const ms = (value: number) => `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`;
