import { describe, expect, it } from 'vitest';
import { withinDeadline } from './call-deadline';

describe('withinDeadline', () => {
  it('answers with the work when it finishes in time', async () => {
    await expect(withinDeadline('Planning prod', 1000, async () => 42)).resolves.toBe(42);
  });

  it('fails with CLOUD_TIMEOUT naming the work and aborts its signal when the deadline passes', async () => {
    let seen: AbortSignal | undefined;
    const never = (signal: AbortSignal) => {
      seen = signal;
      return new Promise<number>(() => undefined);
    };
    await expect(withinDeadline('Planning prod', 30, never)).rejects.toMatchObject({ code: 'CLOUD_TIMEOUT', message: expect.stringContaining('Planning prod'), hint: expect.stringContaining('profiles test') });
    expect(seen?.aborted).toBe(true);
  });

  it("passes the work's own failure on unchanged", async () => {
    await expect(withinDeadline('Planning prod', 1000, async () => Promise.reject(new Error('AccessDenied')))).rejects.toThrow('AccessDenied');
  });
});
