import { describe, expect, it } from 'vitest';
import { previousVersion } from './rollback-target';

const never = () => Promise.reject(new Error('Lambda was asked although the records answered'));

describe('previousVersion', () => {
  it('takes the newest recorded release below the one the alias serves (numerically, not as text)', async () => {
    expect(await previousVersion('10', ['10', '9', '2'], never)).toBe('9');
    expect(await previousVersion('3', ['1', '3', '2', '3'], never)).toBe('2');
  });

  it('after a rollback goes further back, never forward again', async () => {
    // History newest first after publishing 1, 2, 3 and rolling back to 2.
    expect(await previousVersion('2', ['2', '3', '2', '1'], never)).toBe('1');
  });

  it('asks Lambda only when no record is below, and says null when nothing is', async () => {
    expect(await previousVersion('4', [], () => Promise.resolve(['1', '2', '4', '5']))).toBe('2');
    expect(await previousVersion('1', ['1'], () => Promise.resolve(['1']))).toBeNull();
  });

  it('treats an alias on $LATEST as newer than every published version', async () => {
    expect(await previousVersion('$LATEST', ['3', '7'], never)).toBe('7');
  });
});
