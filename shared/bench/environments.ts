import type { BenchEnvironments, BenchRequest } from '../contract/runs';

/**
 * How many Lambda execution environments a local bench starts. Lambda runs one request per
 * environment, so closed loop at concurrency C needs C; open loop needs as many as the arrival rate
 * keeps busy, which is not known in advance, so it gets the cap. One function for the form (said
 * before the run starts), the CLI and the run record.
 */
export function lambdaEnvironmentPlan(load: BenchRequest['load'], cap: number): BenchEnvironments {
  if (load.mode === 'open') return { requested: null, effective: cap, cappedBy: cap };
  const effective = Math.min(load.concurrency, cap);
  return { requested: load.concurrency, effective, cappedBy: effective < load.concurrency ? cap : null };
}

const plural = (n: number) => `${n} environment${n === 1 ? '' : 's'}`;

/** "64 environments", "4 of 64 environments (capped by Settings)": what a run or a planned run gets. */
export function describeEnvironments(environments: BenchEnvironments): string {
  const { requested, effective, cappedBy } = environments;
  if (requested === null) return `up to ${plural(effective)} (the Settings cap; open loop has no fixed concurrency)`;
  if (cappedBy === null) return plural(effective);
  return `${effective} of ${plural(requested)} (capped at ${cappedBy} by Settings → Lambda environments for a bench)`;
}

/** Said before a capped bench starts: what the cap does to the measurement and how to lift it. */
export function capWarning(environments: BenchEnvironments): string | null {
  const { requested, effective, cappedBy } = environments;
  if (cappedBy === null) return null;
  if (requested === null) return `Open loop starts ${plural(effective)} (the Settings cap); requests beyond that wait for a free one, as they would at a Lambda reserved concurrency of ${effective}.`;
  return `Only ${plural(effective)} will start, not ${requested}: Settings caps Lambda environments at ${cappedBy}, so requests beyond ${effective} queue and the latency includes that wait. Raise the cap in Settings to measure ${requested}.`;
}
