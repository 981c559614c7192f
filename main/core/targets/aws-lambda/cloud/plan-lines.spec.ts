import { describe, expect, it } from 'vitest';
import { decide } from './intent';
import { DIGEST, emptyObserved, liveObserved, REPO, version, wanted } from './plan-fixtures';
import { missingRoleMessage, notAnImageFunction } from './plan';
import { planLines } from './plan-lines';
import type { Observed, WantedShape } from './shape';

const names = { functionName: 'iris', alias: 'live' };
const plan = (observed: Observed, want: WantedShape) => {
  const intent = decide(observed, want);
  return { intent, lines: planLines(observed, want, intent, names) };
};
const changed = (lines: ReturnType<typeof planLines>) => lines.filter((l) => l.action !== 'keep').map((l) => [l.action, l.subject, l.before, l.after]);

describe('the plan a Lambda publish shows', () => {
  it('says nothing changes when the alias already serves this image with these settings', () => {
    const { intent, lines } = plan(liveObserved(), wanted());
    expect(intent.changes).toBe(false);
    expect(changed(lines)).toEqual([]);
    expect(lines.map((l) => l.subject)).toEqual(['repository iris', 'image layers', 'function iris', 'alias live']);
  });

  it('creates everything on a first publish: repository, role, push, function with each field, version 1, alias', () => {
    const { intent, lines } = plan(emptyObserved(), wanted({ ephemeralStorageMb: 2048 }));
    expect(intent).toMatchObject({ createRepository: true, createRole: true, push: true, fn: 'create', reuseVersion: null, nextVersion: '1', alias: 'create', changes: true });
    expect(changed(lines)).toEqual([
      ['create', 'repository iris', null, 'iris'],
      ['create', 'role skylift-iris', null, wanted().role],
      ['push', 'image layers', null, '7 layers, at most 300.0 MiB'],
      ['create', 'function iris', null, 'iris'],
      ['create', 'image', null, `image ${'1'.repeat(12)} (pinned by digest after the push)`],
      ['create', 'architecture', null, 'x86_64'],
      ['create', 'memory (MB)', null, '1024'],
      ['create', 'timeout (s)', null, '30'],
      ['create', 'ephemeral storage /tmp (MB)', null, '2048'],
      ['create', 'environment (keys; values never shown)', null, 'MODE'],
      ['create', 'role', null, wanted().role],
      ['publish', 'version', null, '1'],
      ['create', 'alias live', null, 'version 1'],
    ]);
  });

  it('shows a memory change before → after, a new version and the alias move', () => {
    const { intent, lines } = plan(liveObserved(), wanted({ memoryMb: 2048 }));
    expect(intent).toMatchObject({ fn: 'update', codeUpdate: false, configChanges: ['memoryMb'], nextVersion: '2', alias: 'move' });
    expect(changed(lines)).toEqual([
      ['update', 'function iris', null, null],
      ['update', 'memory (MB)', '1024', '2048'],
      ['publish', 'version', '1', '2'],
      ['move', 'alias live', 'version 1', 'version 2'],
    ]);
  });

  it('names environment keys, never values', () => {
    const { lines } = plan(liveObserved(), wanted({ environment: { MODE: 'secret-value', TOKEN: 'hunter2' } }));
    const env = lines.find((l) => l.subject.startsWith('environment'))!;
    expect([env.before, env.after, env.detail]).toEqual(['MODE', 'MODE, TOKEN', 'added TOKEN; new value for MODE']);
    expect(JSON.stringify(lines)).not.toMatch(/secret-value|hunter2|fast/);
  });

  it('a new image or architecture is a code update; an unmanaged ephemeral storage is left alone', () => {
    const observed = liveObserved();
    observed.image = { ...observed.image!, pushedDigest: null, architecture: 'arm64', engineArchitecture: 'arm64' };
    const { intent, lines } = plan(observed, wanted({ architecture: 'arm64' }));
    expect(intent).toMatchObject({ codeUpdate: true, configChanges: [], push: true });
    expect(changed(lines)).toContainEqual(['update', 'image', `${REPO}@${DIGEST}`, `image ${'1'.repeat(12)} (pinned by digest after the push)`]);
    expect(changed(lines)).toContainEqual(['update', 'architecture', 'x86_64', 'arm64']);
  });

  it('after a cancel right after CreateFunction: keeps the function, publishes version 1 and creates the alias', () => {
    const observed = { ...liveObserved(), alias: null, versions: [] };
    const { intent, lines } = plan(observed, wanted());
    expect(intent).toMatchObject({ fn: 'keep', reuseVersion: null, alias: 'create', changes: true });
    expect(changed(lines)).toEqual([['publish', 'version', null, '1'], ['create', 'alias live', null, 'version 1']]);
  });

  it('moves the alias to an existing version that already is what is wanted, without publishing', () => {
    const observed = { ...liveObserved(), versions: [version('1', { shape: { ...liveObserved().fn!.shape, memoryMb: 512 } }), version('2')] };
    const { intent, lines } = plan(observed, wanted());
    expect(intent).toMatchObject({ reuseVersion: '2', alias: 'move' });
    expect(changed(lines)).toEqual([['move', 'alias live', 'version 1', 'version 2']]);
  });

  it('with no role given and no function, plans no role line (the plan warns instead) and apply has no role', () => {
    const observed: Observed = { ...emptyObserved(), role: { kind: 'needed', name: 'skylift-iris' } };
    const { intent, lines } = plan(observed, wanted({ role: null }));
    expect(intent.roleArn).toBeNull();
    expect(lines.some((l) => l.subject.startsWith('role'))).toBe(false);
  });

  it('warns of what no plan can do: a .zip function of the same name, a given role IAM does not have', () => {
    const zip = liveObserved();
    zip.fn = { ...zip.fn!, packageType: 'Zip' };
    const context = { deploymentName: 'prod' } as Parameters<typeof notAnImageFunction>[1];
    expect(notAnImageFunction(zip, context)).toMatch(/is a Zip function; Lambda cannot turn it into a container-image function\. Name another function \(function: in the deployment prod\)/);
    expect(notAnImageFunction(liveObserved(), context)).toBeNull();
    const missing: Observed = { ...liveObserved(), role: { kind: 'given', arn: 'arn:aws:iam::123456789012:role/gone', source: 'deployment', exists: false } };
    expect(missingRoleMessage(missing)).toMatch(/role\/gone \(the deployment's role: in skylift\.yaml\) does not exist in account 123456789012/);
    expect(missingRoleMessage({ ...missing, role: { ...missing.role, exists: null } as Observed['role'] })).toBeNull();
  });
});
