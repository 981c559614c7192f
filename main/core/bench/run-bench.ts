import { setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import { ErrorCode, SkyliftError } from '../../../shared/errors';
import type { BenchRunOptions, BenchSample, BenchTarget, InvokeResult, OpenLoopOptions } from './types';

const DEFAULT_MAX_IN_FLIGHT = 10_000;
const PROGRESS_EVERY_MS = 100;
/** Sleep on a timer until this close to the next send, then spin on setImmediate: timers alone drift by a millisecond or more. */
const SPIN_WINDOW_MS = 2;

const THREW: InvokeResult = Object.freeze({ ok: false, status: 'error', serverDurationMs: null });
const OVERLOAD: InvokeResult = Object.freeze({ ok: false, status: 'overload', serverDurationMs: null });

/**
 * Sends warm requests at a target and records every one. Closed loop: `concurrency` workers, latency
 * from the actual send. Open loop: a fixed schedule, latency from the intended send, so a stall shows
 * as the queue it causes (coordinated omission corrected). On abort: stops, returns what it has.
 */
export async function runBench(options: BenchRunOptions): Promise<BenchSample[]> {
  validate(options);
  const run = new BenchRun(options);
  try {
    return await run.execute();
  } finally {
    run.dispose();
  }
}

class BenchRun {
  private readonly target: BenchTarget;
  private readonly payloads: Buffer[];
  private readonly now: () => number;
  private readonly controller = new AbortController();
  private readonly signal = this.controller.signal;
  private readonly aborted: Promise<void>;
  private readonly samples: BenchSample[] = [];
  private readonly total: number;
  private recording = false;
  private runStart = 0;
  private lastProgressAt = -Infinity;
  private pendingTimeout: NodeJS.Timeout | null = null;
  private pendingImmediate: NodeJS.Immediate | null = null;
  private readonly forwardAbort = () => this.controller.abort();

  constructor(private readonly options: BenchRunOptions) {
    this.target = options.target;
    this.payloads = options.payloads;
    this.now = options.now ?? (() => performance.now());
    this.total = options.load.mode === 'closed' ? options.load.requests : openLoopCount(options.load);
    // A target may listen on it once per request in flight: hundreds of listeners are expected, not a leak.
    setMaxListeners(0, this.signal);
    this.aborted = new Promise((resolve) => this.signal.addEventListener('abort', () => resolve(), { once: true }));
    if (options.signal.aborted) this.controller.abort();
    else options.signal.addEventListener('abort', this.forwardAbort, { once: true });
  }

  async execute(): Promise<BenchSample[]> {
    const { load, warmup } = this.options;
    if (load.mode === 'closed') {
      if (warmup > 0) await this.untilAborted(this.closedLoop(warmup, load.concurrency));
      this.recording = true;
      this.runStart = this.now();
      this.options.onMeasureStart?.();
      await this.untilAborted(this.closedLoop(load.requests, load.concurrency));
    } else {
      const intervalMs = 1000 / load.ratePerSec;
      const maxInFlight = load.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
      if (warmup > 0) await this.untilAborted(this.openLoop(warmup, intervalMs, maxInFlight));
      this.recording = true;
      this.options.onMeasureStart?.();
      await this.untilAborted(this.openLoop(this.total, intervalMs, maxInFlight));
    }
    this.options.onProgress?.(this.samples.length, this.total);
    return this.samples.sort((a, b) => a.seq - b.seq);
  }

  dispose(): void {
    this.options.signal.removeEventListener('abort', this.forwardAbort);
    if (this.pendingTimeout) clearTimeout(this.pendingTimeout);
    if (this.pendingImmediate) clearImmediate(this.pendingImmediate);
    // Anything still in flight belongs to a run that is over.
    this.controller.abort();
  }

  /** A target that ignores its signal must not hold a cancelled run open. */
  private untilAborted(phase: Promise<void>): Promise<void> {
    return Promise.race([phase, this.aborted]);
  }

  private closedLoop(count: number, concurrency: number): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < count && !this.signal.aborted) {
        const seq = next++;
        const sentAt = this.now();
        const result = await this.invokeSafely(seq);
        const doneAt = this.now();
        if (this.signal.aborted) return;
        if (this.recording) this.record(seq, sentAt - this.runStart, doneAt - sentAt, result);
      }
    };
    const workers: Array<Promise<void>> = [];
    for (let i = 0; i < Math.min(concurrency, count); i++) workers.push(worker());
    return Promise.all(workers).then(() => undefined);
  }

  private openLoop(count: number, intervalMs: number, maxInFlight: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const start = this.now();
      if (this.recording) this.runStart = start;
      let seq = 0;
      let inFlight = 0;
      // A failing onSample fails the run, as it does in closed loop.
      const keep = (sampleSeq: number, intendedMs: number, latencyMs: number, result: InvokeResult) => {
        if (!this.recording) return true;
        try {
          this.record(sampleSeq, intendedMs, latencyMs, result);
          return true;
        } catch (error) {
          reject(error);
          return false;
        }
      };
      const settle = (sentSeq: number, intendedMs: number, result: InvokeResult) => {
        inFlight--;
        const latencyMs = this.now() - (start + intendedMs);
        if (this.signal.aborted || !keep(sentSeq, intendedMs, latencyMs, result)) return;
        if (seq >= count && inFlight === 0) resolve();
      };
      const send = (sendSeq: number, intendedMs: number) => {
        inFlight++;
        this.invokeSafely(sendSeq).then((result) => settle(sendSeq, intendedMs, result));
      };
      const tick = () => {
        this.pendingTimeout = null;
        this.pendingImmediate = null;
        if (this.signal.aborted) return;
        const elapsed = this.now() - start;
        // Catch up on every send that is due: a late tick sends a burst, it never skips or shifts the schedule.
        for (; seq < count && seq * intervalMs <= elapsed; seq++) {
          if (inFlight < maxInFlight) send(seq, seq * intervalMs);
          else if (!keep(seq, seq * intervalMs, 0, OVERLOAD)) return;
        }
        if (seq >= count) {
          if (inFlight === 0) resolve();
          return;
        }
        const waitMs = seq * intervalMs - (this.now() - start);
        if (waitMs > SPIN_WINDOW_MS) this.pendingTimeout = setTimeout(tick, waitMs - SPIN_WINDOW_MS);
        else this.pendingImmediate = setImmediate(tick);
      };
      tick();
    });
  }

  /** The target's answer, or an 'error' result for a target that throws or rejects. */
  private invokeSafely(seq: number): Promise<InvokeResult> {
    try {
      return this.target.invoke(this.payloads[seq % this.payloads.length], this.signal).then(undefined, () => THREW);
    } catch {
      return Promise.resolve(THREW);
    }
  }

  private record(seq: number, tMs: number, latencyMs: number, result: InvokeResult): void {
    // A cloud target times the wire itself: the SDK's own time (signing, middleware) is not the function's latency.
    const wireLatencyMs = result.clientOverheadMs ? Math.max(0, latencyMs - result.clientOverheadMs) : latencyMs;
    const sample: BenchSample = { seq, tMs, latencyMs: wireLatencyMs, ok: result.ok, status: result.status, cold: false, serverDurationMs: result.serverDurationMs };
    // Only Lambda targets report these: an HTTP bench's samples stay as small as before (a 1M-request run holds every one).
    const report = result.report;
    if (report) {
      sample.initDurationMs = report.initDurationMs;
      sample.billedDurationMs = report.billedDurationMs;
      sample.maxMemoryUsedMb = report.maxMemoryUsedMb;
    }
    this.samples.push(sample);
    this.options.onSample?.(sample);
    if (this.options.onProgress) {
      const at = this.now();
      if (at - this.lastProgressAt >= PROGRESS_EVERY_MS) {
        this.lastProgressAt = at;
        this.options.onProgress(this.samples.length, this.total);
      }
    }
  }
}

function openLoopCount(load: OpenLoopOptions): number {
  return Math.round(load.ratePerSec * load.durationSec);
}

function validate({ payloads, warmup, load }: BenchRunOptions): void {
  const problems: string[] = [];
  if (payloads.length === 0) problems.push('at least one payload is needed');
  if (!isCount(warmup)) problems.push('warmup must be a whole number ≥ 0');
  if (load.mode === 'closed') {
    if (!isCount(load.requests)) problems.push('requests must be a whole number ≥ 0');
    if (!isCount(load.concurrency) || load.concurrency < 1) problems.push('concurrency must be a whole number ≥ 1');
  } else {
    if (!(Number.isFinite(load.ratePerSec) && load.ratePerSec > 0)) problems.push('rate must be above 0 requests/s');
    if (!(Number.isFinite(load.durationSec) && load.durationSec >= 0)) problems.push('duration must be 0 s or more');
    if (load.maxInFlight !== undefined && (!isCount(load.maxInFlight) || load.maxInFlight < 1)) problems.push('maxInFlight must be a whole number ≥ 1');
  }
  if (problems.length > 0) {
    throw new SkyliftError({
      code: ErrorCode.BadInput,
      message: `Invalid benchmark settings — ${problems.join('; ')}.`,
      hint: 'Correct the benchmark settings named above and run it again.',
      details: { problems },
    });
  }
}

function isCount(value: number): boolean {
  return Number.isInteger(value) && value >= 0;
}
