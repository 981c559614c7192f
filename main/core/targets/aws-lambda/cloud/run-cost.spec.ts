import { describe, expect, it } from 'vitest';
import type { BenchSampleData } from '../../../../../shared/contract/runs';
import { projectConfigSchema } from '../../../../../shared/project/schema';
import { LAMBDA_PRICING } from '../verify/pricing-table';
import { localRunCost, runCost } from './run-cost';

const sample = (seq: number, billedDurationMs: number | null, initDurationMs: number | null = null, serverDurationMs: number | null = null): BenchSampleData => ({
  seq,
  tMs: seq,
  latencyMs: 10,
  ok: true,
  status: 200,
  cold: initDurationMs !== null,
  serverDurationMs,
  billedDurationMs,
  initDurationMs,
  maxMemoryUsedMb: 60,
});
const x86 = { memoryMb: 1024, architecture: 'x86_64' as const, region: 'us-east-1' };
const price = LAMBDA_PRICING.regions['us-east-1']!.x86_64;

describe('cost per 1M inferences from a run', () => {
  it('prices the billed samples with the cold share measured among them', () => {
    // Three warm at 10 ms, one cold: Duration 12, Init 200, Billed 212 (init included).
    const cost = runCost([sample(0, 10), sample(1, 10), sample(2, 10), sample(3, 212, 200, 12)], x86)!;
    expect(cost.basis).toMatchObject({ samples: 4, coldSamples: 1, coldShare: 0.25, coldShareFrom: 'measured', meanInitBilledMs: 200, memoryMb: 1024 });
    expect(cost.basis.meanInvokeBilledMs).toBe(10.5);
    const perInvocation = ((10.5 + 0.25 * 200) / 1000) * price.gbSecondUsd + price.requestsPerMillionUsd / 1e6;
    expect(cost.perMillion.total).toBeCloseTo(perInvocation * 1e6, 9);
  });

  it('leaves out samples without a Billed Duration, and is null when none has one', () => {
    expect(runCost([sample(0, 10), sample(1, null)], x86)!.basis.samples).toBe(1);
    expect(runCost([sample(0, null)], x86)).toBeNull();
    expect(runCost([], x86)).toBeNull();
  });

  it('is null, not an error, where the price is unknown or the settings cannot be priced', () => {
    expect(runCost([sample(0, 10)], { ...x86, region: 'xx-nowhere-9' })).toBeNull();
    expect(runCost([sample(0, 10)], { ...x86, memoryMb: 64 })).toBeNull();
  });

  it('prices storage above 512 MB where the table knows its price, and says incomplete where it does not', () => {
    const cost = runCost([sample(0, 100)], { ...x86, ephemeralStorageMb: 2048 })!;
    expect(cost.basis.ephemeralStorageMb).toBe(2048);
    expect(cost.complete).toBe(LAMBDA_PRICING.regions['us-east-1']!.ephemeralGbSecondUsd !== null);
  });
});

describe("a local aws-lambda run's cost", () => {
  const config = (extra: Record<string, unknown>) =>
    projectConfigSchema.parse({ name: 'p', python: '3.11', framework: { name: 'none' }, model: 'model:M', targets: {}, ...extra });

  it("uses skylift.yaml's memory and architecture, in us-east-1 when no deployment names a region", () => {
    const cost = localRunCost([sample(0, 20)], config({ targets: { 'aws-lambda': { memoryMb: 2048, architecture: 'arm64' } } }))!;
    expect(cost.prices).toMatchObject({ region: 'us-east-1', architecture: 'arm64' });
    expect(cost.basis.memoryMb).toBe(2048);
  });

  it("uses the region of the project's Lambda deployment, and Lambda's default memory when none is set", () => {
    const cost = localRunCost([sample(0, 20)], config({ targets: { 'aws-lambda': {} }, deployments: { prod: { target: 'aws-lambda', profile: 'dev', region: 'eu-west-1' } } }))!;
    expect(cost.prices).toMatchObject({ region: 'eu-west-1', architecture: 'x86_64' });
    expect(cost.basis.memoryMb).toBe(1024);
  });

  it("takes the project's own prices from skylift.yaml (targets.aws-lambda.pricing) over the table's, saying which and from where", () => {
    const pricing = { gbSecondUsd: 0.00001, source: 'our EDP rate card', takenOn: '2026-11-01' };
    const cost = localRunCost([sample(0, 20)], config({ targets: { 'aws-lambda': { pricing } } }))!;
    expect(cost.prices).toMatchObject({ gbSecondUsd: 0.00001, requestsPerMillionUsd: 0.2, source: 'our EDP rate card', takenOn: '2026-11-01', overridden: ['gbSecondUsd'] });
    const table = localRunCost([sample(0, 20)], config({ targets: { 'aws-lambda': {} } }))!;
    expect(cost.perMillion.compute).toBeLessThan(table.perMillion.compute);
  });
});
