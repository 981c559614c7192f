import { describe, expect, it } from 'vitest';
import { lambdaCostBreakdownSchema } from '../../../../../shared/cloud/lambda-cost';
import { buildReport } from '../../../run/lambda/report';
import { billedSplit, COST_NO_COLD_SAMPLES, COST_NO_SAMPLES, lambdaCostPerMillion } from './cost';
import { LAMBDA_PRICING, PRICING_UNKNOWN_REGION } from './pricing-table';

const warm = (billedDurationMs: number) => ({ billedDurationMs, initDurationMs: null });
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
};

describe('the shipped price table', () => {
  it('lists the regions the issue names, each with its AWS source, the date taken and what confirmed it', () => {
    for (const region of ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-northeast-1', 'ap-southeast-2']) {
      const row = LAMBDA_PRICING.regions[region]!;
      expect(row.source).toBe('https://aws.amazon.com/lambda/pricing/');
      expect(row.takenOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(row.evidence.length).toBeGreaterThan(0);
      expect(row.arm64.gbSecondUsd).toBeLessThan(row.x86_64.gbSecondUsd);
    }
  });
});

describe('billed milliseconds split into invoke and init', () => {
  it("splits Skylift's local cold REPORT (Billed includes Init, as Lambda bills container images)", () => {
    // Duration 12.34 + Init 150.12 = 162.46 → Billed 163; init is ceil(150.12) = 151, invoke the other 12.
    const report = buildReport({ requestId: 'r', durationMs: 12.34, initDurationMs: 150.12, memorySizeMb: 1024, maxMemoryUsedMb: 60 });
    expect(report.billedDurationMs).toBe(163);
    expect(billedSplit({ ...report, durationMs: report.durationMs })).toEqual({ invokeMs: 12, initMs: 151 });
  });

  it('adds the init a report left out of Billed Duration (a ZIP function before August 2025)', () => {
    // Billed 51 < floor(50.2 + 300.5) = 350: init was not billed then; it is now, as ceil(300.5) = 301 ms.
    expect(billedSplit({ billedDurationMs: 51, durationMs: 50.2, initDurationMs: 300.5 })).toEqual({ invokeMs: 51, initMs: 301 });
  });
});

describe('cost per 1M inferences (worked by hand)', () => {
  it('warm only: mean billed × memory × GB-s price, plus requests', () => {
    // us-east-1 x86_64, 1024 MB = 1 GB; billed 10, 20, 30 ms → mean 20 ms.
    // compute = 0.020 s × 1 GB × $0.0000166667 = $0.000000333334 → $0.333334 per 1M
    // requests = $0.20 per 1M → total $0.533334 per 1M.
    const cost = lambdaCostPerMillion({ samples: [warm(10), warm(20), warm(30)], memoryMb: 1024, architecture: 'x86_64', region: 'us-east-1' });
    expect(cost.perMillion.compute).toBeCloseTo(0.333334, 9);
    expect(cost.perMillion.init).toBe(0);
    expect(cost.perMillion.requests).toBeCloseTo(0.2, 12);
    expect(cost.perMillion.ephemeralStorage).toBe(0);
    expect(cost.perMillion.total).toBeCloseTo(0.533334, 9);
    expect(cost.perInvocationUsd).toBeCloseTo(0.000000533334, 15);
    expect(cost.complete).toBe(true);
    expect(cost.prices).toMatchObject({ source: 'https://aws.amazon.com/lambda/pricing/', takenOn: LAMBDA_PRICING.regions['us-east-1']!.takenOn, overridden: [] });
    expect(lambdaCostBreakdownSchema.parse(cost)).toEqual(cost);
  });

  const armSamples = [
    { billedDurationMs: 100, durationMs: 99.5, initDurationMs: null },
    { billedDurationMs: 100, durationMs: 99.5, initDurationMs: null },
    { billedDurationMs: 100, durationMs: 99.5, initDurationMs: null },
    // Cold: 100.4 + 900.3 = 1000.7 → billed 1001 = init 901 + invoke 100.
    { billedDurationMs: 1001, durationMs: 100.4, initDurationMs: 900.3 },
  ];

  it('the measured cold share bills init on that share of invocations', () => {
    // us-east-1 arm64, 2048 MB = 2 GB, $0.0000133334/GB-s. Invoke mean 100 ms; 1 cold of 4 → share 0.25; init 901 ms.
    // compute = 0.1 s × 2 GB × 0.0000133334 = 0.00000266668 → $2.66668 per 1M
    // init = 0.25 × 0.901 s × 2 GB × 0.0000133334 = 0.4505 × 0.0000133334 = 0.0000060066967 → $6.0066967 per 1M
    // total = 2.66668 + 6.0066967 + 0.20 = $8.8733767 per 1M
    const cost = lambdaCostPerMillion({ samples: armSamples, memoryMb: 2048, architecture: 'arm64', region: 'us-east-1' });
    expect(cost.basis).toMatchObject({ samples: 4, coldSamples: 1, coldShare: 0.25, coldShareFrom: 'measured', meanInvokeBilledMs: 100, meanInitBilledMs: 901 });
    expect(cost.perMillion.compute).toBeCloseTo(2.66668, 9);
    expect(cost.perMillion.init).toBeCloseTo(6.0066967, 9);
    expect(cost.perMillion.total).toBeCloseTo(8.8733767, 9);
  });

  it('a given cold share replaces the bench’s (forced cold starts are not production’s share)', () => {
    // init = 0.01 × 0.901 × 2 × 0.0000133334 = 0.01802 × 0.0000133334 = 2.40267868e-7 → $0.240267868 per 1M
    // total = 2.66668 + 0.240267868 + 0.20 = $3.106947868 per 1M
    const cost = lambdaCostPerMillion({ samples: armSamples, memoryMb: 2048, architecture: 'arm64', region: 'us-east-1', coldShare: 0.01 });
    expect(cost.basis.coldShareFrom).toBe('given');
    expect(cost.perMillion.init).toBeCloseTo(0.240267868, 9);
    expect(cost.perMillion.total).toBeCloseTo(3.106947868, 9);
  });

  it('prices init a report left out of Billed Duration', () => {
    // us-east-1 x86_64, 128 MB = 0.125 GB; one cold sample: invoke 51 ms, init 301 ms (added), share 1.
    // compute = 0.051 × 0.125 × 0.0000166667 = 0.006375 × 0.0000166667 = 1.062502125e-7 → $0.1062502125 per 1M
    // init = 0.301 × 0.125 × 0.0000166667 = 0.037625 × 0.0000166667 = 6.270845875e-7 → $0.6270845875 per 1M
    // total = 0.1062502125 + 0.6270845875 + 0.20 = $0.9333348 per 1M
    const cost = lambdaCostPerMillion({ samples: [{ billedDurationMs: 51, durationMs: 50.2, initDurationMs: 300.5 }], memoryMb: 128, architecture: 'x86_64', region: 'us-east-1' });
    expect(cost.perMillion.compute).toBeCloseTo(0.1062502125, 9);
    expect(cost.perMillion.init).toBeCloseTo(0.6270845875, 9);
    expect(cost.perMillion.total).toBeCloseTo(0.9333348, 9);
  });

  it('charges ephemeral storage above 512 MB where the price is known, and says so where it is not', () => {
    // us-east-2 x86_64, 1024 MB, warm 1000 ms, 10,240 MB storage: (10240 − 512) / 1024 = 9.5 GB extra.
    // compute = 1 s × 1 GB × 0.0000166667 → $16.6667 per 1M
    // storage = 1 s × 9.5 GB × $0.0000000309 = 2.9355e-7 → $0.29355 per 1M
    // total = 16.6667 + 0.29355 + 0.20 = $17.16025 per 1M
    const input = { samples: [warm(1000)], memoryMb: 1024, architecture: 'x86_64' as const, ephemeralStorageMb: 10240 };
    const priced = lambdaCostPerMillion({ ...input, region: 'us-east-2' });
    expect(priced.perMillion.ephemeralStorage).toBeCloseTo(0.29355, 9);
    expect(priced.perMillion.total).toBeCloseTo(17.16025, 9);
    // eu-west-1 has no confirmed storage price: left out of the total, and the breakdown says it is incomplete.
    const unpriced = lambdaCostPerMillion({ ...input, region: 'eu-west-1' });
    expect(unpriced.perMillion.ephemeralStorage).toBeNull();
    expect(unpriced.complete).toBe(false);
    expect(unpriced.perMillion.total).toBeCloseTo(16.8667, 9);
  });
});

describe('project pricing overrides', () => {
  it('prices a region the table lacks only when the project gives both prices', () => {
    const input = { samples: [warm(8)], memoryMb: 128, architecture: 'x86_64' as const, region: 'sa-east-1' };
    expect(codeOf(() => lambdaCostPerMillion(input))).toBe(PRICING_UNKNOWN_REGION);
    expect(codeOf(() => lambdaCostPerMillion({ ...input, pricing: { gbSecondUsd: 0.00002 } }))).toBe(PRICING_UNKNOWN_REGION);
    // compute = 0.008 s × 0.125 GB × $0.00002 = 2e-8 → $0.02 per 1M; requests $0.25 → total $0.27 per 1M.
    const cost = lambdaCostPerMillion({ ...input, pricing: { gbSecondUsd: 0.00002, requestsPerMillionUsd: 0.25, source: 'our rate card', takenOn: '2026-11-30' } });
    expect(cost.perMillion.total).toBeCloseTo(0.27, 12);
    expect(cost.prices).toMatchObject({ source: 'our rate card', takenOn: '2026-11-30', overridden: ['gbSecondUsd', 'requestsPerMillionUsd'], ephemeralGbSecondUsd: null });
  });

  it('keeps the table for fields the override leaves out, and says the source was changed', () => {
    const cost = lambdaCostPerMillion({ samples: [warm(10), warm(20), warm(30)], memoryMb: 1024, architecture: 'x86_64', region: 'us-east-1', pricing: { requestsPerMillionUsd: 0 } });
    expect(cost.perMillion.requests).toBe(0);
    expect(cost.perMillion.total).toBeCloseTo(0.333334, 9);
    expect(cost.prices.source).toContain('overridden by the project');
  });
});

describe('inputs that cannot be priced', () => {
  it('says why, with a code, instead of returning a number', () => {
    const base = { memoryMb: 1024, architecture: 'x86_64' as const, region: 'us-east-1' };
    expect(codeOf(() => lambdaCostPerMillion({ ...base, samples: [] }))).toBe(COST_NO_SAMPLES);
    expect(codeOf(() => lambdaCostPerMillion({ ...base, samples: [{ billedDurationMs: null, initDurationMs: null }] }))).toBe(COST_NO_SAMPLES);
    expect(codeOf(() => lambdaCostPerMillion({ ...base, samples: [warm(5)], coldShare: 0.5 }))).toBe(COST_NO_COLD_SAMPLES);
    expect(codeOf(() => lambdaCostPerMillion({ ...base, samples: [warm(5)], coldShare: 2 }))).toBe('BAD_INPUT');
    expect(codeOf(() => lambdaCostPerMillion({ ...base, samples: [warm(5)], memoryMb: 64 }))).toBe('BAD_INPUT');
    expect(codeOf(() => lambdaCostPerMillion({ ...base, samples: [warm(5)], pricing: { gbSecondUsd: -1 } }))).toBe('BAD_INPUT');
    expect(codeOf(() => lambdaCostPerMillion({ ...base, samples: [warm(Number.NaN)] }))).toBe('BAD_INPUT');
    expect(codeOf(() => lambdaCostPerMillion({ ...base, samples: [{ billedDurationMs: 5, initDurationMs: -1 }] }))).toBe('BAD_INPUT');
  });
});
