import { describe, expect, it } from 'vitest';
import { benchRunSchema, runTargetSchema } from '../contract/runs';
import { runTargetLabel } from './run-target';

describe('run targets', () => {
  it('reads a local variant or a deployment version, and says each in a few words', () => {
    expect(runTargetLabel(runTargetSchema.parse({ kind: 'local', variant: 'aws-lambda' }))).toBe('local · aws-lambda');
    expect(runTargetLabel(runTargetSchema.parse({ kind: 'local', variant: 'local' }))).toBe('local');
    const cloud = { kind: 'cloud', deployment: 'prod', target: 'aws-lambda', functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:numpy', version: '3' };
    expect(runTargetLabel(runTargetSchema.parse(cloud))).toBe('AWS Lambda · prod v3');
  });

  it('refuses the old free-form string, a variant it does not know and a cloud target without its identity', () => {
    expect(runTargetSchema.safeParse('local/local').success).toBe(false);
    expect(runTargetSchema.safeParse({ kind: 'local', variant: 'gcp' }).success).toBe(false);
    expect(runTargetSchema.safeParse({ kind: 'cloud', deployment: 'prod', target: 'aws-lambda', version: '3' }).success).toBe(false);
    expect(runTargetSchema.safeParse({ kind: 'cloud', deployment: '', target: 'aws-lambda', functionArn: 'arn', version: '3' }).success).toBe(false);
  });

  it('defaults what runs stored before it lacked: a bench, no digest; a digest is sha256 and 64 hex digits', () => {
    const run = {
      ...{ id: 'r', jobId: null, project: 'p', projectDir: '/p', variant: 'local', target: { kind: 'local', variant: 'local' }, imageId: null, imageTag: null },
      ...{ settings: { dir: '/p', variant: 'local' }, summary: null, state: 'complete', createdAt: 'now' },
    };
    expect(benchRunSchema.parse(run)).toMatchObject({ runKind: 'bench', imageDigest: null });
    expect(benchRunSchema.safeParse({ ...run, runKind: 'soak' }).success).toBe(false);
    expect(benchRunSchema.safeParse({ ...run, imageDigest: { digest: 'sha256:abc', source: 'image-id' } }).success).toBe(false);
  });
});
