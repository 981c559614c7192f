import { describe, expect, it } from 'vitest';
import type { BenchRun, BenchSampleData } from '../../../shared/contract/runs';
import { exportRun } from './export';

const run: BenchRun = {
  ...{ id: 'r', jobId: null, project: 'numpy', projectDir: '/p', variant: 'aws-lambda', target: { kind: 'local', variant: 'aws-lambda' }, runKind: 'bench' },
  ...{ imageId: null, imageTag: null, imageDigest: { digest: `sha256:${'a'.repeat(64)}`, source: 'image-id' }, summary: null, state: 'complete', createdAt: '2026-12-05T00:00:00.000Z' },
  settings: { dir: '/p', variant: 'aws-lambda', load: { mode: 'closed', requests: 2, concurrency: 1 }, warmup: 0, coldStarts: 1, payloads: [] },
  environments: null,
  failure: null,
  wire: null,
  cost: null,
};

const samples: BenchSampleData[] = [
  { seq: 0, tMs: 0, latencyMs: 4.2, ok: true, status: 200, cold: false, serverDurationMs: 3.1, initDurationMs: null, billedDurationMs: 4, maxMemoryUsedMb: null },
  { seq: 1, tMs: 5, latencyMs: 912.3456, ok: true, status: 200, cold: true, serverDurationMs: 3.3, initDurationMs: 801.25, billedDurationMs: 805, maxMemoryUsedMb: 53 },
  // An HTTP variant's sample, or one read from a store older than these columns: nothing reported.
  { seq: 2, tMs: 9, latencyMs: 2, ok: false, status: 'timeout', cold: false, serverDurationMs: null },
];

describe('run exports', () => {
  it('CSV carries Init Duration, Billed Duration and Max Memory Used per sample, empty where the platform reported none', () => {
    const lines = exportRun(run, samples, 'csv').content.trim().split('\n');
    expect(lines).toEqual([
      'seq,t_ms,latency_ms,ok,status,cold,server_duration_ms,init_duration_ms,billed_duration_ms,max_memory_used_mb',
      '0,0,4.2,true,200,false,3.1,,4,',
      '1,5,912.346,true,200,true,3.3,801.25,805,53',
      '2,9,2,false,timeout,false,,,,',
    ]);
  });

  it('JSON carries the structured target, run kind, digest and every sample with the same keys', () => {
    const parsed = JSON.parse(exportRun(run, samples, 'json').content) as { run: BenchRun; samples: BenchSampleData[] };
    expect(parsed.run).toMatchObject({ target: { kind: 'local', variant: 'aws-lambda' }, runKind: 'bench', imageDigest: { source: 'image-id' } });
    expect(parsed.samples[1]).toMatchObject({ initDurationMs: 801.25, billedDurationMs: 805, maxMemoryUsedMb: 53 });
    expect(parsed.samples[2]).toMatchObject({ initDurationMs: null, billedDurationMs: null, maxMemoryUsedMb: null });
  });
});
