import type { CloudBench } from '../targets/cloud';
import type { BenchBackend } from './bench-backend';

/** The RTT's connects after the bench get this long, cancelled benches included (a cost or RTT is never worth a stuck job). */
const WIRE_DEADLINE_MS = 10_000;

/** A deployment's bench: every request goes through the cloud's invoke API; nothing runs on this engine. */
export function cloudBenchBackend(cloud: CloudBench): BenchBackend {
  let stopped = false;
  return {
    start: async () => undefined,
    warmTarget: () => cloud.warm,
    async coldStart(payload, signal) {
      const cold = await cloud.coldStart(payload, signal);
      const report = cold.result.report ?? { initDurationMs: null, billedDurationMs: null, maxMemoryUsedMb: null };
      return { latencyMs: cold.latencyMs, first: cold.result, report, setupMs: report.initDurationMs, cold: cold.cold };
    },
    checkExit: async () => null,
    async extras(samples) {
      const wire = await cloud.wireOverhead(AbortSignal.timeout(WIRE_DEADLINE_MS)).catch(() => null);
      return { wire, cost: cloud.cost(samples) };
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await cloud.close();
    },
  };
}
