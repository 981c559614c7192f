import { describe, expect, it } from 'vitest';
import type { DeployPlan, DestroyPlan } from '../../../../shared/contract/deploy';
import { deployPlanText, destroyPlanText, planLineText, pushText } from './plan-text';

const plan = (over: Partial<DeployPlan> = {}): DeployPlan => ({
  dir: '/p/iris',
  deployment: 'prod',
  target: 'aws-lambda',
  profile: 'work',
  account: '123456789012',
  region: 'eu-west-1',
  functionName: 'iris',
  alias: 'live',
  imageId: `sha256:${'a'.repeat(64)}`,
  fingerprint: 'fp',
  lines: [
    { action: 'create', subject: 'function iris', before: null, after: null },
    { action: 'update', subject: 'memory (MB)', before: '1024', after: '2048' },
    { action: 'move', subject: 'alias live', before: '1', after: '2', detail: 'the alias serves the new version' },
  ],
  push: { layers: 7, layersToPush: 2, bytesToPush: 3 * 1024 * 1024, alreadyPushed: false },
  changes: true,
  roleNeeded: null,
  warnings: [],
  observedAt: '2026-12-06T00:00:00.000Z',
  ...over,
});

describe('plan lines as terraform prints them', () => {
  it('marks each action and shows before → after', () => {
    expect(planLineText({ action: 'create', subject: 'function iris', before: null, after: null })).toBe('+ create function iris');
    expect(planLineText({ action: 'create', subject: 'function iris', before: null, after: 'iris' })).toBe('+ create function iris');
    expect(planLineText({ action: 'create', subject: 'memory (MB)', before: null, after: '1024' })).toBe('+ create memory (MB): 1024');
    expect(planLineText({ action: 'update', subject: 'memory (MB)', before: '1024', after: '2048' })).toBe('~ update memory (MB): 1024 → 2048');
    expect(planLineText({ action: 'move', subject: 'alias live', before: '1', after: '2' })).toBe('> move alias live: 1 → 2');
    expect(planLineText({ action: 'delete', subject: 'version 3', before: '3', after: null })).toBe('- delete version 3: 3');
    expect(planLineText({ action: 'publish', subject: 'version', before: null, after: '2' })).toBe('+ publish version: 2');
  });

  it("puts a line's reason under it", () => {
    expect(planLineText({ action: 'create', subject: 'role skylift-iris', before: null, after: null, detail: 'you asked for --create-role' })).toBe('+ create role skylift-iris\n    you asked for --create-role');
  });

  it('says what a push moves and what it skips', () => {
    expect(pushText({ layers: 7, layersToPush: 2, bytesToPush: 3 * 1024 * 1024, alreadyPushed: false })).toBe('Push 2 of 7 layers, up to 3.0 MiB (5 skipped: the repository already has them).');
    expect(pushText({ layers: 3, layersToPush: 3, bytesToPush: 2048, alreadyPushed: false })).toBe('Push 3 of 3 layers, up to 2.0 KiB.');
    expect(pushText({ layers: 3, layersToPush: 0, bytesToPush: 0, alreadyPushed: true })).toMatch(/already has this image: nothing to push/);
  });
});

describe('whole plans', () => {
  it('heads a deploy plan with where it goes, then its lines, the push and the warnings', () => {
    const text = deployPlanText(plan({ warnings: ['the role is new'] }));
    expect(text.split('\n')).toEqual([
      'Deployment prod: function iris, alias live, eu-west-1 (account 123456789012, profile work)',
      '',
      '+ create function iris',
      '~ update memory (MB): 1024 → 2048',
      '> move alias live: 1 → 2',
      '    the alias serves the new version',
      '',
      'Push 2 of 7 layers, up to 3.0 MiB (5 skipped: the repository already has them).',
      'warning: the role is new',
    ]);
  });

  it('counts what stays as it is instead of listing it', () => {
    const kept = { action: 'keep' as const, subject: 'timeout (s)', before: '3', after: '3' };
    const text = deployPlanText(plan({ lines: [kept, { action: 'update', subject: 'memory (MB)', before: '1024', after: '2048' }, kept] }));
    expect(text).toContain('~ update memory (MB): 1024 → 2048\n  (2 unchanged not shown; --json lists them)');
    expect(text).not.toContain('timeout');
  });

  it('says so when nothing would change, without listing kept lines', () => {
    const text = deployPlanText(plan({ changes: false, lines: [{ action: 'keep', subject: 'function iris', before: null, after: null }] }));
    expect(text).toMatch(/No changes: the alias already serves this image/);
    expect(text).not.toMatch(/keep/);
  });

  it('prints a destroy plan, or that there is nothing to destroy', () => {
    const destroy: DestroyPlan = { deployment: 'prod', functionName: 'iris', region: 'eu-west-1', fingerprint: 'f', lines: [{ action: 'delete', subject: 'function iris', before: null, after: null }], changes: true, warnings: [] };
    expect(destroyPlanText(destroy)).toBe('Destroy deployment prod: function iris in eu-west-1\n\n- delete function iris');
    expect(destroyPlanText({ ...destroy, changes: false, lines: [] })).toMatch(/Nothing to destroy/);
  });
});
