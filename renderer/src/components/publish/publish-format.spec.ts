import { describe, expect, it } from 'vitest';
import type { LambdaCostBreakdown } from '../../../../shared/cloud/lambda-cost';
import { cloudTargetLabel, costParts, findLocalTwin, costSource, formatUsd, isStalePlan, planLineChange, planLineText, projectNameIn, pushSummary, wireSummary } from './publish-format';

const cost = (perMillion: Partial<LambdaCostBreakdown['perMillion']>, extra: Partial<LambdaCostBreakdown> = {}): LambdaCostBreakdown => ({
  perMillion: { compute: 1.2345, init: 0.04166, requests: 0.2, ephemeralStorage: 0, total: 1.47616, ...perMillion },
  perInvocationUsd: 0.00000147616,
  complete: true,
  basis: { samples: 10, coldSamples: 1, coldShare: 0.1, coldShareFrom: 'measured', meanInvokeBilledMs: 12, meanInitBilledMs: 300, memoryMb: 512, ephemeralStorageMb: 512 },
  prices: { region: 'us-east-1', architecture: 'arm64', gbSecondUsd: 0.0000133334, requestsPerMillionUsd: 0.2, ephemeralGbSecondUsd: 0.0000000309, source: 'https://aws.amazon.com/lambda/pricing/', takenOn: '2025-11-30', overridden: [] },
  ...extra,
});

describe('plan lines', () => {
  it('shows before → after, a value kept, a value set and one removed', () => {
    expect(planLineChange({ before: '128', after: '512' })).toBe('128 → 512');
    expect(planLineChange({ before: '512', after: '512' })).toBe('512');
    expect(planLineChange({ before: null, after: 'live → 1' })).toBe('→ live → 1');
    expect(planLineChange({ before: '3', after: null })).toBe('3 → (removed)');
    expect(planLineChange({ before: null, after: null })).toBe('');
  });

  it('reads as one sentence with its reason', () => {
    expect(planLineText({ action: 'update', subject: 'memory (MB)', before: '128', after: '512', detail: 'skylift.yaml asks for more' })).toBe('update memory (MB): 128 → 512 (skylift.yaml asks for more)');
    expect(planLineText({ action: 'create', subject: 'role skylift-iris', before: null, after: null })).toBe('create role skylift-iris');
  });
});

describe('push estimate', () => {
  it('counts the layers to push and the ones the registry has', () => {
    expect(pushSummary({ layers: 7, layersToPush: 2, bytesToPush: 3 * 1024 * 1024, alreadyPushed: false })).toBe('Push 2 of 7 layers, up to 3.0 MiB; 5 skipped, the registry has them.');
    expect(pushSummary({ layers: 1, layersToPush: 1, bytesToPush: 1536, alreadyPushed: false })).toBe('Push 1 of 1 layer, up to 1.5 KiB.');
    expect(pushSummary({ layers: 7, layersToPush: 0, bytesToPush: 0, alreadyPushed: true })).toMatch(/Nothing to push/);
  });
});

describe('stale-plan refusals and examples', () => {
  it('tells a stale plan apart', () => {
    expect(isStalePlan({ code: 'PLAN_STALE' })).toBe(true);
    expect(isStalePlan({ code: 'AWS_THROTTLED' })).toBe(false);
  });

  it("takes the project's name for examples from skylift.yaml", () => {
    expect(projectNameIn('version: 1\nname: iris-demo\ntargets: {}\n')).toBe('iris-demo');
    expect(projectNameIn('targets: {}\n')).toBe('<project>');
  });
});

describe('cost per 1M inferences', () => {
  it('keeps enough digits for small costs and rounds large ones', () => {
    expect(formatUsd(0)).toBe('$0');
    expect(formatUsd(0.041666)).toBe('$0.0417');
    expect(formatUsd(1.476)).toBe('$1.48');
    expect(formatUsd(1234.5)).toBe('$1,235');
  });

  it('breaks the total into compute, init and requests, storage only where charged', () => {
    expect(costParts(cost({}))).toBe('compute $1.23 · init $0.0417 · requests $0.200');
    expect(costParts(cost({ ephemeralStorage: 0.5 }))).toBe('compute $1.23 · init $0.0417 · requests $0.200 · storage $0.500');
  });

  it('says where the prices came from, an override and a charge left out', () => {
    expect(costSource(cost({}))).toBe('us-east-1 arm64 prices of 2025-11-30, https://aws.amazon.com/lambda/pricing/');
    const overridden = cost({}, { complete: false });
    overridden.prices = { ...overridden.prices, overridden: ['gbSecondUsd'], takenOn: null, source: 'our rate card' };
    expect(costSource(overridden)).toBe('us-east-1 arm64 prices, our rate card (project override: gbSecondUsd); a charge could not be priced and is left out');
  });
});

describe('cloud runs', () => {
  it('labels a deployment version and leaves local runs to the shared label', () => {
    expect(cloudTargetLabel({ kind: 'cloud', deployment: 'prod', target: 'aws-lambda', functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:iris', version: '3' })).toBe('AWS Lambda · prod v3');
    expect(cloudTargetLabel({ kind: 'local', variant: 'aws-lambda' })).toBeNull();
  });

  it('shows the wire overhead apart from latency', () => {
    expect(wireSummary({ endpoint: 'https://lambda.us-east-1.amazonaws.com', rttMs: { p50: 23.4, min: 21, samples: 5 }, clientOverheadMs: { p50: 0.412, p99: 1.234, samples: 100 } })).toBe(
      'RTT p50 23 ms · client p50 0.41 ms / p99 1.2 ms per request',
    );
  });
});

describe('the local run to compare a cloud run with', () => {
  const digest = (n: string) => ({ digest: `sha256:${n.repeat(64)}`, source: 'repo-digest' as const });
  const summary = { warm: { count: 1 } } as never;
  const cloud = { id: 'c', target: { kind: 'cloud', deployment: 'prod', target: 'aws-lambda', functionArn: 'arn', version: '1' }, runKind: 'bench', imageId: null, imageDigest: digest('a'), summary } as const;
  const local = (id: string, patch: object = {}) => ({ id, target: { kind: 'local', variant: 'aws-lambda' }, runKind: 'bench', imageId: 'sha256:other', imageDigest: digest('b'), summary, ...patch }) as never;

  it('joins on the image id a cloud run records (the pushed config digest), or on the repository digest; newest first', () => {
    expect(findLocalTwin([local('x'), local('y', { imageDigest: digest('a') }), local('z', { imageDigest: digest('a') })], cloud)?.id).toBe('y');
    const beforePush = local('w', { imageId: 'sha256:img', imageDigest: { digest: `sha256:${'c'.repeat(64)}`, source: 'image-id' } });
    expect(findLocalTwin([local('x'), beforePush], { ...cloud, imageId: 'sha256:img' })?.id).toBe('w');
    // Another image id is another image, and a cloud run without one joins on the digest alone.
    expect(findLocalTwin([beforePush], { ...cloud, imageId: 'sha256:else' })).toBeNull();
    expect(findLocalTwin([beforePush], cloud)).toBeNull();
  });

  it('skips other images, verify runs, runs without warm numbers and other cloud runs', () => {
    expect(findLocalTwin([local('x')], cloud)).toBeNull();
    expect(findLocalTwin([local('v', { imageDigest: digest('a'), runKind: 'verify' }), local('e', { imageDigest: digest('a'), summary: null }), cloud as never], cloud)).toBeNull();
  });
});
