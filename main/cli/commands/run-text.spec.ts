import { describe, expect, it } from 'vitest';
import type { BenchRun } from '../../../shared/contract/runs';
import { describeRun, runListLine } from './run-text';

const base: BenchRun = {
  ...{ id: 'r1', jobId: null, project: 'numpy', projectDir: '/p', variant: 'aws-lambda', target: { kind: 'local', variant: 'aws-lambda' }, runKind: 'bench' },
  ...{ imageId: `sha256:${'1'.repeat(64)}`, imageTag: 'skylift/numpy:aws-lambda', imageDigest: null, summary: null, state: 'complete', createdAt: '2026-12-05T00:00:00.000Z' },
  settings: { dir: '/p', variant: 'aws-lambda', load: { mode: 'closed', requests: 2, concurrency: 1 }, warmup: 0, coldStarts: 0, payloads: [] },
  environments: null,
  failure: null,
  wire: null,
  cost: null,
};

describe('runs in the CLI', () => {
  it('names a local run\'s target as "local · <variant>", never local/<variant>', () => {
    expect(runListLine(base)).toContain('numpy  bench  local · aws-lambda  complete');
    expect(runListLine({ ...base, variant: 'local', target: { kind: 'local', variant: 'local' } })).not.toContain('local/local');
    expect(describeRun(base).split('\n')[1]).toBe('bench of numpy on local · aws-lambda, skylift/numpy:aws-lambda 111111111111');
  });

  it('names a cloud run by deployment, target and version, with its function and which digest it ran', () => {
    const functionArn = 'arn:aws:lambda:eu-west-1:123456789012:function:numpy';
    const digest = `sha256:${'2'.repeat(64)}`;
    const text = describeRun({ ...base, target: { kind: 'cloud', deployment: 'prod', target: 'aws-lambda', functionArn, version: '3' }, runKind: 'verify', imageDigest: { digest, source: 'repo-digest' } });
    expect(text).toContain('verify of numpy on AWS Lambda · prod v3');
    expect(text).toContain(`function: ${functionArn}`);
    expect(text).toContain(`image digest: ${digest} (repository digest)`);
  });

  it('lists a run without warm numbers with dashes, not "- ms"', () => {
    const line = runListLine({ ...base, summary: { warm: null, cold: null, coldSetupMs: [], partial: false } });
    expect(line).toMatch(/p50 -  p99 -$/);
  });
});

describe('a run a person named', () => {
  it('shows its name, tags and note in `runs show` and its name and tags in `runs list`', () => {
    const named = { ...base, name: 'before batching', note: 'first try\nwith numpy 2', tags: ['baseline', 'cpu'] };
    expect(describeRun(named)).toMatch(/^run r1: complete\nname: before batching\ntags: baseline, cpu\nnote: first try\n {6}with numpy 2\n/);
    expect(runListLine(named)).toContain('numpy  "before batching"  [baseline, cpu]  bench');
    expect(describeRun(base)).not.toMatch(/^(name|tags|note):/m);
  });
});
