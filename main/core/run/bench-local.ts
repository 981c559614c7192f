import { capWarning, describeEnvironments } from '../../../shared/bench/environments';
import type { BenchEnvironments, PlatformReport } from '../../../shared/contract/runs';
import type { ProjectConfig, TargetName } from '../../../shared/project/schema';
import { httpTarget } from '../bench';
import type { JobContext } from '../jobs/job-runner';
import { targetModule } from '../targets/registry';
import type { BenchBackend } from './bench-backend';
import type { ContainerExit } from './container-exit';
import { HttpVariantSession } from './http-session';
import { sessionPoolTarget } from './session-pool';
import type { Invocation, VariantSession } from './variant-session';

/** Containers started at once for a Lambda bench: enough to be quick, few enough not to swamp the engine. */
const STARTS_AT_ONCE = 8;

export interface LocalBenchInput {
  config: ProjectConfig;
  variant: TargetName;
  environments: BenchEnvironments | null;
  /** Starts one fresh environment of the bench's variant (RunService's own session start). */
  openSession: (job: JobContext) => Promise<VariantSession>;
  /** A container that dies on its own: the bench stops at once and keeps the cause. */
  onExit: (exit: ContainerExit) => void;
}

/** A local variant's bench: its environments are containers on this engine, watched while the bench runs. */
export function localBenchBackend(input: LocalBenchInput): BenchBackend {
  const sessions: VariantSession[] = [];
  const unsubscribes: Array<() => void> = [];
  const watch = (session: VariantSession) => {
    sessions.push(session);
    unsubscribes.push(session.onUnexpectedExit(input.onExit));
  };

  /**
   * A cold start's REPORT numbers. Benches read no memory per invoke (an exec each would sit inside
   * the measured time), so a Lambda environment's peak (init and the first request) is read here,
   * after the timed answer; warm samples leave Max Memory Used out.
   */
  const coldReport = async (first: Invocation): Promise<PlatformReport> => {
    const report = first.platformReport ?? { initDurationMs: null, billedDurationMs: null, maxMemoryUsedMb: null };
    const session = sessions[0]!;
    if (report.maxMemoryUsedMb !== null || !session.peakMemoryMb) return report;
    const peak = await session.peakMemoryMb();
    return { ...report, maxMemoryUsedMb: peak === null ? null : Math.ceil(peak) };
  };

  return {
    async start(job, signal) {
      const environments = input.environments;
      const count = environments?.effective ?? 1;
      const warning = environments && capWarning(environments);
      if (warning) job.log(warning, 'info');
      job.step(1, environments ? `Starting ${describeEnvironments(environments)}` : 'Starting the container', 3);
      for (let started = 0; started < count && !signal.aborted; started += STARTS_AT_ONCE) {
        const batch = Array.from({ length: Math.min(STARTS_AT_ONCE, count - started) }, () => input.openSession(job));
        const opened = await Promise.allSettled(batch);
        for (const result of opened) if (result.status === 'fulfilled') watch(result.value);
        const failed = opened.find((result) => result.status === 'rejected');
        if (failed) throw failed.reason;
      }
    },
    warmTarget() {
      const first = sessions[0];
      return first instanceof HttpVariantSession ? httpTarget(first.predictUrl, { maxSockets: 256, timeoutMs: first.requestDeadlineMs }) : sessionPoolTarget(sessions);
    },
    async coldStart(payload, signal) {
      const cold = await sessions[0]!.coldStart(payload, signal);
      const report = signal.aborted ? { initDurationMs: null, billedDurationMs: null, maxMemoryUsedMb: null } : await coldReport(cold.first);
      return { latencyMs: cold.totalMs, first: cold.first, report, setupMs: cold.setupMs, cold: true };
    },
    async checkExit() {
      for (const session of sessions) {
        const exit = await session.checkExit();
        if (exit) return exit;
      }
      return null;
    },
    // Where the target bills by reported duration (aws-lambda), its module prices the run; an estimate at this machine's speed.
    extras: async (samples) => ({ wire: null, cost: targetModule(input.variant).runCost?.(samples, input.config) ?? null }),
    async stop() {
      for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
      await Promise.all(sessions.map((s) => s.stop().catch(() => undefined)));
    },
  };
}
