import type { LambdaArchitecture, LambdaCostBreakdown, LambdaCostSample, LambdaPricingOverride, LambdaPricingTable } from '../../../../../shared/cloud/lambda-cost';
import type { BenchSampleData } from '../../../../../shared/contract/runs';
import type { ProjectConfig } from '../../../../../shared/project/schema';
import { DEFAULT_LAMBDA } from '../limits';
import { lambdaCostPerMillion } from '../verify/cost';

/** What a run is priced with besides its samples: the function's settings where it ran. */
export interface RunCostSettings {
  memoryMb: number;
  architecture: LambdaArchitecture;
  region: string;
  ephemeralStorageMb?: number;
  /** skylift.yaml's `targets.aws-lambda.pricing`: the project's own prices over the table's. */
  pricing?: LambdaPricingOverride;
}

/**
 * Where a local run has no deployment to say its region, it is priced as in us-east-1 (Lambda's
 * first and cheapest-tier region); a deployment of the project to Lambda names the region instead.
 */
export const LOCAL_PRICING_REGION = 'us-east-1';
/** variant-plan.ts builds x86_64 unless skylift.yaml says otherwise. */
const LOCAL_ARCHITECTURE: LambdaArchitecture = 'x86_64';

/**
 * Cost per 1M inferences of a run's samples (their REPORT numbers; the cold share is the measured
 * one). null where there is nothing to price (no Billed Duration) or the price is unknown (a region
 * the table lacks): a cost is a figure beside the bench, never a reason for it to fail.
 */
export function runCost(samples: readonly BenchSampleData[], settings: RunCostSettings, table?: LambdaPricingTable): LambdaCostBreakdown | null {
  const priced: LambdaCostSample[] = [];
  for (const sample of samples) {
    if (sample.billedDurationMs === null || sample.billedDurationMs === undefined) continue;
    // Warm requests that reused an environment report no Init Duration; a forced cold start that did is counted cold.
    priced.push({ billedDurationMs: sample.billedDurationMs, initDurationMs: sample.initDurationMs ?? null, durationMs: sample.serverDurationMs });
  }
  if (priced.length === 0) return null;
  try {
    return lambdaCostPerMillion({ ...settings, samples: priced, ...(table ? { table } : {}) });
  } catch {
    return null;
  }
}

/**
 * A local aws-lambda run's cost: skylift.yaml's function settings, priced in the region of the
 * project's first Lambda deployment (else LOCAL_PRICING_REGION). Billed durations come from the
 * local emulator, so the figure is an estimate at this machine's speed; the schema has no field to
 * say so, and the UI labels local costs as such by the run's target.
 */
export function localRunCost(samples: readonly BenchSampleData[], config: ProjectConfig, table?: LambdaPricingTable): LambdaCostBreakdown | null {
  const lambda = { ...DEFAULT_LAMBDA, ...config.targets['aws-lambda'] };
  const deployment = Object.values(config.deployments ?? {}).find((d) => d.target === 'aws-lambda');
  return runCost(
    samples,
    {
      memoryMb: lambda.memoryMb,
      architecture: lambda.architecture ?? LOCAL_ARCHITECTURE,
      region: deployment?.region ?? LOCAL_PRICING_REGION,
      ...(lambda.ephemeralStorageMb ? { ephemeralStorageMb: lambda.ephemeralStorageMb } : {}),
      ...(lambda.pricing ? { pricing: lambda.pricing } : {}),
    },
    table,
  );
}
