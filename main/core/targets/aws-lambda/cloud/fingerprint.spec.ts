import { describe, expect, it } from 'vitest';
import { canonicalJson, planFingerprint } from './fingerprint';
import { liveObserved, wanted } from './plan-fixtures';

describe('the plan fingerprint', () => {
  it('is canonical: key order does not matter, undefined members are left out', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined, e: null }] })).toBe('{"a":[{"d":2,"e":null}],"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('is deterministic over equal facts, and ignores states that settle on their own', () => {
    const a = liveObserved();
    const b = liveObserved();
    b.fn = { ...b.fn!, state: 'Pending', lastUpdateStatus: 'InProgress' };
    expect(planFingerprint(a, wanted())).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(planFingerprint(a, wanted())).toBe(planFingerprint(b, wanted()));
  });

  it.each([
    ['the function revision', (o: ReturnType<typeof liveObserved>) => (o.fn!.revisionId = 'rev-2')],
    ['the alias version', (o: ReturnType<typeof liveObserved>) => (o.alias!.version = '2')],
    ['the versions', (o: ReturnType<typeof liveObserved>) => o.versions.push({ ...o.versions[0]!, version: '2' })],
    ['the repository', (o: ReturnType<typeof liveObserved>) => (o.repository.uri = null)],
    ['the local image', (o: ReturnType<typeof liveObserved>) => (o.image!.id = `sha256:${'2'.repeat(64)}`)],
    ['the role', (o: ReturnType<typeof liveObserved>) => (o.role = { kind: 'create', name: 'skylift-iris', arn: 'arn:aws:iam::123456789012:role/skylift-iris', exists: false })],
    ['an environment value', (o: ReturnType<typeof liveObserved>) => (o.fn!.shape.environment = { MODE: 'slow' })],
  ])('changes when %s changes', (_what, change) => {
    const changed = liveObserved();
    change(changed);
    expect(planFingerprint(changed, wanted())).not.toBe(planFingerprint(liveObserved(), wanted()));
  });

  it('changes when the wanted settings change', () => {
    expect(planFingerprint(liveObserved(), wanted({ memoryMb: 2048 }))).not.toBe(planFingerprint(liveObserved(), wanted()));
  });
});
