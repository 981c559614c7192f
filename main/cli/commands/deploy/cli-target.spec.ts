import { describe, expect, it } from 'vitest';
import { chooseDeployment, readTarget } from './cli-target';
import { agreed, CONFIRMATION_NEEDED } from './consent';

const folders = new Set(['iris', './iris', '/p/iris']);
const isDir = (p: string) => folders.has(p);

describe('[DIR] [DEPLOYMENT]', () => {
  it('no word: the current folder and its only deployment', () => {
    expect(readTarget(undefined, undefined, isDir)).toEqual({ dir: '.' });
  });

  it('two words: folder, then deployment', () => {
    expect(readTarget('iris', 'prod', isDir)).toEqual({ dir: 'iris', deployment: 'prod' });
  });

  it('one word: a folder when one exists, else a deployment of the project here', () => {
    expect(readTarget('iris', undefined, isDir)).toEqual({ dir: 'iris' });
    expect(readTarget('prod', undefined, isDir)).toEqual({ dir: '.', deployment: 'prod' });
  });

  it('takes the only deployment when none is named; several or none name the way out', () => {
    expect(chooseDeployment({ dir: 'iris' }, [{ name: 'prod', dir: '/p/iris' }])).toBe('prod');
    expect(chooseDeployment({ dir: 'iris', deployment: 'staging' }, [{ name: 'prod', dir: '/p/iris' }])).toBe('staging');
    expect(() => chooseDeployment({ dir: 'iris' }, [{ name: 'prod', dir: '' }, { name: 'staging', dir: '' }])).toThrow(expect.objectContaining({ code: 'BAD_INPUT', message: expect.stringContaining('prod, staging') }));
    expect(() => chooseDeployment({ dir: 'iris' }, [])).toThrow(expect.objectContaining({ code: 'DEPLOYMENT_UNKNOWN', hint: expect.stringContaining('deployments:') }));
  });
});

describe('confirming a plan', () => {
  const never = { canAsk: () => false, confirm: async () => { throw new Error('asked without a terminal'); } };

  it('--yes agrees without asking', async () => {
    await expect(agreed(true, 'Apply?', undefined, never)).resolves.toBe(true);
  });

  it('a terminal asks, and the answer decides', async () => {
    const questions: string[] = [];
    const ask = (answer: boolean) => ({ canAsk: () => true, confirm: async (q: string) => (questions.push(q), answer) });
    await expect(agreed(undefined, 'Apply this plan?', undefined, ask(true))).resolves.toBe(true);
    await expect(agreed(undefined, 'Apply this plan?', undefined, ask(false))).resolves.toBe(false);
    expect(questions).toEqual(['Apply this plan?', 'Apply this plan?']);
  });

  it('no terminal and no --yes: refused with how to agree', async () => {
    await expect(agreed(undefined, 'Apply?', { plan: { fingerprint: 'f' } }, never)).rejects.toMatchObject({ code: CONFIRMATION_NEEDED, message: expect.stringContaining('run again with --yes'), details: { plan: { fingerprint: 'f' } } });
  });
});
