import { describe, expect, it } from 'vitest';
import { settleWithin } from './deadline';

describe('settleWithin', () => {
  it('gives the value, or the error, of work that finishes in time', async () => {
    expect(await settleWithin(Promise.resolve(7), 1000)).toEqual({ outcome: 'done', value: 7 });
    const boom = new Error('boom');
    expect(await settleWithin(Promise.reject(boom), 1000)).toEqual({ outcome: 'failed', error: boom });
  });

  it('stops waiting for work that never finishes', async () => {
    expect(await settleWithin(new Promise(() => undefined), 20)).toEqual({ outcome: 'timed-out' });
  });
});
