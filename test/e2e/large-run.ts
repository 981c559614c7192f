import type { BenchRun, BenchSampleData } from '../../shared/contract/runs';

export const LARGE_RUN_SAMPLES = 100_002;
const SAMPLES = LARGE_RUN_SAMPLES;

/** A large run as a long bench leaves it: two cold starts, a few failures with text statuses, the rest 200s. */
export function largeRun(): { run: BenchRun; samples: BenchSampleData[] } {
  const samples: BenchSampleData[] = [];
  for (let seq = 0; seq < SAMPLES; seq++) {
    const cold = seq < 2;
    const ok = seq % 997 !== 5;
    samples.push({
      seq,
      tMs: seq * 3.217 + (seq % 7) * 0.113,
      latencyMs: cold ? 812.4 + seq : 1.5 + ((seq * 7919) % 10_007) / 1000 + (seq % 50_000 === 3 ? 250 : 0),
      ok,
      status: ok ? 200 : seq % 2 ? 'timeout' : 503,
      cold,
      serverDurationMs: ok ? 1.1 + (seq % 13) / 100 : null,
      initDurationMs: null,
      billedDurationMs: null,
      maxMemoryUsedMb: null,
    });
  }
  const run: BenchRun = {
    id: 'large-run',
    jobId: null,
    project: 'large',
    projectDir: '/tmp/large',
    variant: 'local',
    target: { kind: 'local', variant: 'local' },
    runKind: 'bench',
    imageDigest: null,
    imageId: null,
    imageTag: null,
    settings: { dir: '/tmp/large', variant: 'local', load: { mode: 'closed', requests: SAMPLES - 2, concurrency: 2 }, warmup: 0, coldStarts: 2, payloads: [] },
    summary: null,
    state: 'running',
    createdAt: new Date().toISOString(),
    environments: null,
    failure: null,
    wire: null,
    cost: null,
  };
  return { run, samples };
}

